"""One-time voting codes: generated from a CSPRNG, easy to read aloud, stored only as a keyed hash.

Alphabet: digits and capitals without look-alikes (no 0/O, 1/I/L): 31 symbols, 10 of them per code → about 49.5 bits, shown as ``XXXXX-XXXXX``. The stored hash is
HMAC-SHA256 keyed with the server's SECRET_KEY (a pepper not in the database) and the round's salt, so a
stolen database alone does not let anyone test codes offline.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_salt() -> str:
    return secrets.token_hex(16)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalize(code: str) -> str:
    """Upper-case without spaces or dashes (what the voter typed or the QR carried)."""
    return "".join(ch for ch in (code or "").upper() if ch.isascii() and ch.isalnum())[:40]


def code_hash(salt: str, code: str) -> str:
    key = hashlib.sha256(f"kaoping.ballots:{settings.SECRET_KEY}:{salt}".encode()).digest()
    return hmac.new(key, normalize(code).encode(), hashlib.sha256).hexdigest()


def looks_valid(code: str) -> bool:
    text = normalize(code)
    return len(text) == CODE_LENGTH and all(ch in ALPHABET for ch in text)
