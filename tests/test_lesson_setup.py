"""``lessons.setup()``, the first call of every lesson: how tables show, and what it loads.

Each check runs in a fresh interpreter: the table options are pandas' global settings, and
whether pandas is loaded at all is the point of the first test.
"""

from __future__ import annotations

import subprocess
import sys

_READ = (
    "import pandas as pd; "
    "print(pd.get_option('display.max_colwidth'), pd.get_option('display.max_columns'), "
    "pd.get_option('display.width'))"
)


def _run(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout.split()


def test_setup_does_not_load_pandas_but_tables_show_whole_once_it_loads() -> None:
    # Loading pandas took 0.15 s of every lesson's set-up; most lessons show no table.
    out = _run(
        "import sys; from hipback.teaching import lessons; lessons.setup(); "
        "print('pandas' in sys.modules); " + _READ
    )
    assert out == ["False", "None", "None", "120"]


def test_setup_after_pandas_sets_the_table_options_at_once() -> None:
    out = _run("import pandas; from hipback.teaching import lessons; lessons.setup(); " + _READ)
    assert out == ["None", "None", "120"]


def test_without_setup_pandas_keeps_its_own_defaults() -> None:
    # The checks above can fail: pandas' own defaults cut long sentences at 50 characters.
    assert _run(_READ)[0] == "50"
