"""Make the hub test's helpers importable (this folder has no package)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
