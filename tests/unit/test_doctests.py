"""The examples in the core's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import planner

CORE = ("planner.model", "planner.geometry", "planner.rules", "planner.layout", "planner.export",
        "planner.contributions", "planner.finance", "planner.edits")


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(planner.__path__, "planner."):
        if info.name.startswith(CORE):
            names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_hold(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
