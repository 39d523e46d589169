"""Keep the garbage collector out of a request's way.

A served app holds a few hundred thousand long-lived objects (Flask, SQLAlchemy, Shapely, ezdxf,
IfcOpenShell, Babel's catalogues, the app itself). CPython's full collection walks all of them: on a
200-room plan an edit's request paid 85–115 ms for one, every few requests, which was the whole tail
of the editor's p95. :func:`settle` imports what requests use and then freezes everything made so far
(:func:`gc.freeze`), so a full collection walks only what requests made since. Before the workers fork,
this also keeps the frozen pages shared between them.
"""

from __future__ import annotations

import gc
import importlib

WARM = ("planner.rules", "planner.edits", "planner.export", "planner.export.dxf", "planner.export.gltf",
        "planner.building.model3d", "planner.layout", "planner.application", "planner.finance")
"""The modules requests import on first use (drawings, 3D, layout, the application package)."""


def settle() -> None:
    """Import :data:`WARM`, collect once, and freeze the heap (call once, after the app is made)."""
    for name in WARM:
        importlib.import_module(name)
    gc.collect()
    gc.freeze()
