"""Kaoping's rules engine: pure Python, no Django.

Every number a user sees is computed here from frozen dataclasses, with
``decimal.Decimal`` and the rounding policy of RULES.md G-1. See
``docs/scoring.md`` for the public API.
"""
