"""The room access graph: rooms joined by doors, storeys joined by stairs."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from planner.model import OUTSIDE


def access_graph(room_ids: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """An undirected graph over ``outside`` and the rooms, one edge per link.

    >>> sorted(access_graph(["a", "b"], [("outside", "a")])["a"])
    ['outside']
    """
    graph: dict[str, set[str]] = {OUTSIDE: set()}
    for rid in room_ids:
        graph.setdefault(rid, set())
    for a, b in links:
        if a in graph and b in graph:
            graph[a].add(b)
            graph[b].add(a)
    return graph


def reachable(graph: dict[str, set[str]], start: str = OUTSIDE) -> set[str]:
    """Every node reachable from ``start`` (breadth first)."""
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in graph.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
