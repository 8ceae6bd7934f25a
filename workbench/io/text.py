"""Decoding the bytes of text files (transcripts, CSV survey exports) into ``str``.

Researchers' files come from everywhere: UTF-8 from most tools, UTF-8 with a byte-order mark
from Excel's "CSV UTF-8", Windows-1252 from Dutch Excel and old Word "Save as text", and now and
then UTF-16 from "Unicode text". :func:`decode_text` tries these in a fixed order and refuses
bytes that only decode as garbage (binary files, other code pages), so a wrong decoding never
slips through as mojibake.
"""

from __future__ import annotations

import codecs
import re
from os import PathLike

from ..errors import DecodeError

__all__ = ["decode_text", "normalize_newlines", "ENCODINGS"]

#: The encodings :func:`decode_text` can report, in the order they are tried.
ENCODINGS = ("utf-8-sig", "utf-16", "utf-8", "cp1252")

# Control characters that never occur in a real text file: C0 controls other than tab, newline,
# vertical tab, form feed, carriage return and the old DOS end-of-file marker; DEL; C1 controls.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n?")

_HINT = (
    "Save the file as UTF-8 (in Word: Save As > Plain Text > Unicode (UTF-8); in Excel: "
    "'CSV UTF-8'), or check that it is a text file at all."
)


def _where(data: str) -> str:
    """Describe the first suspicious character of ``data`` for an error message."""
    m = _BINARY.search(data)
    if m is None:  # pragma: no cover - only called when there is one
        return ""
    line = data.count("\n", 0, m.start()) + 1
    return f"control character U+{ord(m.group()):04X} on line {line}"


def decode_text(data: bytes, *, path: str | PathLike | None = None) -> tuple[str, str]:
    """Decode the bytes of a text file, detecting its encoding.

    Tried in order: UTF-8 with a byte-order mark (``'utf-8-sig'``), UTF-16 with a byte-order
    mark (``'utf-16'``), UTF-8 (``'utf-8'``) and Windows-1252 (``'cp1252'``, what Dutch and
    English Windows programs write). The byte-order mark is removed from the text. Newlines
    are returned as found; see :func:`normalize_newlines`.

    Parameters
    ----------
    data : bytes
        The file's content.
    path : str or PathLike, optional
        The file's name, used in error messages only.

    Returns
    -------
    text : str
        The decoded text.
    encoding : str
        The encoding that worked: ``'utf-8'``, ``'utf-8-sig'``, ``'utf-16'`` or ``'cp1252'``.

    Raises
    ------
    DecodeError
        When no supported encoding gives real text: bytes undefined in Windows-1252
        (0x81, 0x8D, 0x8F, 0x90, 0x9D), or NUL and other control characters that only occur in
        binary files or other encodings.

    Examples
    --------
    >>> decode_text("Één reünie".encode("utf-8"))
    ('Één reünie', 'utf-8')
    >>> decode_text("Één reünie".encode("cp1252"))
    ('Één reünie', 'cp1252')
    >>> decode_text(codecs.BOM_UTF8 + b"id;naam")
    ('id;naam', 'utf-8-sig')
    """
    data = bytes(data)
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "cp1252")
    problem = ""
    tried = []
    for encoding in candidates:
        tried.append(encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            problem = f"byte 0x{data[exc.start]:02X} on line {line} is not valid {encoding}"
            continue
        if _BINARY.search(text) is None:
            return text, encoding
        # Bytes that decode but hold control characters: a binary file, or text that was
        # already garbled. Another encoding would only hide that, so stop here.
        problem = _where(text)
        break
    raise DecodeError(
        f"cannot decode the file as text ({problem}); tried {', '.join(tried)}",
        path=path,
        hint=_HINT,
    )


def normalize_newlines(text: str) -> str:
    r"""Turn Windows (``\r\n``) and old Mac (``\r``) line ends into ``\n``.

    >>> normalize_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    if "\r" not in text:
        return text
    return _NEWLINES.sub("\n", text)
