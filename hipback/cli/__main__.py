"""``python -m hipback.cli``: the same as the ``hipback`` command."""

import sys

from hipback.cli.main import main

sys.exit(main())
