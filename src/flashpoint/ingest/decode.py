"""Turn raw bytes into text by one rule, the same at every entry (files, stdin, feeds).

The rule, in order:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32), and the rest must decode strictly;
2. UTF-16 without a mark is recognised by its zero bytes (every other byte, in ASCII text);
3. otherwise the text must be strict UTF-8;
4. a legacy single-byte encoding (cp1252, latin-1, ...) is accepted only when the whole text
   is consistent with it: it decodes strictly, holds no control characters, and holds no
   well-formed UTF-8 sequence at all. A UTF-8 file with one damaged byte still holds its
   other multi-byte characters as UTF-8; decoding it as a code page would silently turn
   "Nicolás" into "NicolĂˇs", so it is refused with the byte and line of the damage.

What comes out is then made safe to store, print and serve (``clean_text``): lone surrogates
and control characters are replaced one for one, so character offsets are unchanged.
Every refusal is an ``InputError`` naming the input, so a batch run can report it on one
line and go on with the rest.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from flashpoint.errors import InputError

#: Share of control characters above which bytes are treated as binary.
BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = {9, 10, 12, 13}
#: Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
#: UTF-16 without a mark: at least this share of one byte of each pair is zero, and at most
#: ZERO_NOISE of the other (ASCII and Latin text in UTF-16 has one zero byte per character).
UTF16_ZERO_SHARE = 0.3
UTF16_ZERO_NOISE = 0.05
_SAMPLE = 8192
#: One well-formed multi-byte UTF-8 sequence (RFC 3629, surrogates excluded).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
#: Characters no article holds: C0 controls but tab and line ends, DEL, C1 controls, lone
#: surrogates (a JSON ``"\\ud800"`` escape decodes to one, and it cannot be encoded again).
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: Vertical tab and form feed separate lines; they become line breaks, one for one.
_LINE_BREAKS = str.maketrans("\x0b\x0c", "\n\n")
REPLACEMENT = "\ufffd"
#: The legacy encoding chosen when several fit the text equally well.
LEGACY_DEFAULT = "cp1252"


def clean_text(text: str) -> str:
    """``text`` with control characters and lone surrogates replaced one for one (U+FFFD),
    so it can be encoded, stored and printed, and its character offsets stay the same."""
    return _UNSAFE.sub(REPLACEMENT, text.translate(_LINE_BREAKS))


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls > BINARY_CONTROL_SHARE * len(sample)


def _marked_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names, and the mark's length."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _unmarked_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the zero bytes fall on one side of each pair."""
    sample = data[:_SAMPLE - _SAMPLE % 2]
    pairs = len(sample) // 2
    if pairs == 0 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= UTF16_ZERO_SHARE * pairs and even <= UTF16_ZERO_NOISE * pairs:
        return "utf-16-le"
    if even >= UTF16_ZERO_SHARE * pairs and odd <= UTF16_ZERO_NOISE * pairs:
        return "utf-16-be"
    return None


def split_at_newlines(head: bytes) -> bool:
    """Whether a text that begins with ``head`` can be cut into lines at its b"\\n" bytes and
    each line decoded alone: true of UTF-8 and the legacy single-byte encodings, not of
    UTF-16 and UTF-32 (a newline there is more than one byte, and its zero bytes belong to the
    next line). Lets a JSON Lines file be read a line at a time."""
    marked = _marked_encoding(head)
    return marked[0] == "utf-8" if marked else _unmarked_utf16(head[:len(head) - len(head) % 2]) is None


def _where(data: bytes, offset: int, encoding: str = "utf-8") -> str:
    """Byte offset, and the line where lines are counted in bytes (not in UTF-16/32)."""
    if not encoding.startswith("utf-8"):
        return f"byte {offset:,}"
    line = data.count(b"\n", 0, offset) + 1
    return f"byte {offset:,}, line {line}"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError("E004", name, reason=f"invalid {encoding.upper()} at {_where(data, err.start, encoding)}") from err


def _legacy(data: bytes) -> str | None:
    """The text in the legacy encoding the whole of ``data`` is consistent with, if any.

    Among the encodings that fit equally well, cp1252 wins: it is by far the commonest legacy
    encoding of news text (and the web's default), and for most letters its siblings decode
    the same bytes the same way anyway.
    """
    if _UTF8_SEQUENCE.search(data):  # UTF-8 with damage, not a legacy encoding
        return None
    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    fitting = [m for m in matches if m.chaos == least]
    preferred = any(LEGACY_DEFAULT in (m.encoding, *m.could_be_from_charset) for m in fitting)
    try:
        text = data.decode(LEGACY_DEFAULT if preferred else fitting[0].encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return None if _UNSAFE.search(text) else text  # C1 controls: the bytes were not meant so


def _utf8(data: bytes, name: str) -> str:
    """Strict UTF-8 (encoded surrogates let through, to be replaced), else a consistent
    legacy encoding, else E004 naming the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError as err:
        text = _legacy(data)
        if text is None:
            raise InputError("E004", name, reason=f"invalid UTF-8 at {_where(data, err.start)}") from err
        return text


def decode_bytes(data: bytes, name: str, max_bytes: int) -> str:
    """The text of ``data`` by the rule above, cleaned, or an ``InputError`` naming ``name``."""
    if len(data) > max_bytes:
        raise InputError("E003", name, size=len(data), limit=max_bytes)
    if not data.strip():
        raise InputError("E001", name)
    marked = _marked_encoding(data)
    if marked:
        text = _strict(data[marked[1]:], marked[0], name)
    elif encoding := _unmarked_utf16(data):
        text = _strict(data, encoding, name)
    elif _looks_binary(data):
        raise InputError("E002", name)
    else:
        text = _utf8(data, name)
    if not text.strip():
        raise InputError("E001", name)
    return clean_text(text)
