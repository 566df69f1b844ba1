"""Every docstring example in the package runs and gives what it shows.

Run per module (not with pytest's --doctest-modules, which would also import the test
folders' conftest files as plain modules).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import hipback

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(hipback.__path__, prefix="hipback.")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"
