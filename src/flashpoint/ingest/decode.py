"""Turn raw bytes into text, refusing what is not an article.

Every refusal is an ``InputError`` naming the input, so a batch run can report it on one
line and go on with the rest.
"""
from __future__ import annotations

from charset_normalizer import from_bytes

from flashpoint.errors import InputError

#: Share of control characters above which bytes are treated as binary.
BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = {9, 10, 12, 13}


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls > BINARY_CONTROL_SHARE * len(sample)


def decode_bytes(data: bytes, name: str, max_bytes: int) -> str:
    """Decode ``data`` (UTF-8 first, else the detected encoding) or raise ``InputError``."""
    if len(data) > max_bytes:
        raise InputError("E003", name, size=len(data), limit=max_bytes)
    if not data.strip():
        raise InputError("E001", name)
    if _looks_binary(data):
        raise InputError("E002", name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError("E004", name)
    return str(best)
