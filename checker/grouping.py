"""Grouping shared by the rules: mentions linked by comparisons, and the sides that agree."""

from __future__ import annotations

from typing import Callable, Hashable, Iterable, TypeVar

T = TypeVar("T")


def linked_groups(links: Iterable[tuple[Hashable, Hashable]]) -> dict[Hashable, Hashable]:
    """Union-find over links: each key mapped to its group's root."""
    parent: dict[Hashable, Hashable] = {}

    def find(x: Hashable) -> Hashable:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        parent[find(a)] = find(b)
    return {x: find(x) for x in parent}


def agreeing_sides(items: list[T], agree: Callable[[T, T], bool]) -> list[int]:
    """A side index per item: an item joins the first side all of whose members it agrees with."""
    sides: list[list[T]] = []
    assigned = []
    for item in items:
        for index, members in enumerate(sides):
            if all(agree(item, other) for other in members):
                members.append(item)
                assigned.append(index)
                break
        else:
            sides.append([item])
            assigned.append(len(sides) - 1)
    return assigned
