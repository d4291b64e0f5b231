"""Verifiable random draws (抽签) for exam seats and interview order, R000-22.

The organiser publishes a seed (supplied or generated with :mod:`secrets`). Each item's sort key is
SHA-256(seed + "\\n" + item) in hex; the order is the items sorted by key. Anyone with the seed and the
item list recomputes the same order (the input order does not matter), and the record keeps a digest of
seed + order so a stored result can be checked later.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

RULE = "R000-22"


def generate_seed(nbytes: int = 16) -> str:
    """A fresh unpredictable seed (hex) from :mod:`secrets`."""
    return secrets.token_hex(nbytes)


def item_key(seed: str, item: str) -> str:
    """The sort key of one item: SHA-256 of ``seed + "\\n" + item`` (UTF-8), hex."""
    return hashlib.sha256(f"{seed}\n{item}".encode()).hexdigest()


@dataclass(frozen=True)
class DrawResult:
    """The drawn order (position 1 first), the seed, each item's key and a digest for the record."""

    order: tuple[str, ...]
    seed: str
    keys: tuple[tuple[str, str], ...]
    digest: str
    rule: str = RULE

    def position(self, item: str) -> int:
        """1-based place of ``item`` in the drawn order (seat / interview number)."""
        return self.order.index(item) + 1


def _digest(seed: str, order: Sequence[str]) -> str:
    return hashlib.sha256("\n".join([seed, *order]).encode()).hexdigest()


def draw(items: Sequence[str], seed: str | None = None) -> DrawResult:
    """Draw an order of ``items`` (unique, non-empty strings) from ``seed`` (generated when None)."""
    if seed is None:
        seed = generate_seed()
    if not seed:
        raise ValueError("种子不能为空")
    if len(set(items)) != len(items):
        raise ValueError("抽签对象重复")
    if any(not isinstance(i, str) or not i for i in items):
        raise ValueError("抽签对象应为非空文字")
    keyed = sorted((item_key(seed, i), i) for i in items)
    order = tuple(i for _, i in keyed)
    return DrawResult(
        order=order, seed=seed, keys=tuple((i, k) for k, i in keyed), digest=_digest(seed, order)
    )


def verify_draw(result: DrawResult, items: Sequence[str]) -> bool:
    """Recompute the draw from its seed and ``items``; True when order and digest match the record."""
    again = draw(items, result.seed)
    return again.order == result.order and again.digest == result.digest
