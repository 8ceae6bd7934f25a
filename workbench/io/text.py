"""Decoding the bytes of text files (transcripts, CSV survey exports) into ``str``.

Researchers' files come from everywhere: UTF-8 from most tools, UTF-8 with a byte-order mark
from Excel's "CSV UTF-8", Windows-1252 from Dutch Excel and old Word "Save as text", UTF-16 from
"Unicode text", now and then another legacy code page (a Chinese subtitle in GB2312, a Russian
one in Windows-1251), and files that mix these. :func:`decode` reads them all, and says what it
had to do in ``warnings``, so a wrong or repaired decoding never slips through as silent mojibake:

* UTF-8 (with or without byte-order mark) and UTF-16/32 with a byte-order mark are exact;
  UTF-16 without a byte-order mark is recognised by its zero bytes.
* Bytes that are not UTF-8 are Windows-1252 when they read as Western European text; otherwise
  the code page is detected with ``charset-normalizer`` (a maintained detector, the one
  ``requests`` uses) and named in a warning.
* A file of UTF-8 lines with some Windows-1252 lines among them (a file edited in two
  programs) is decoded line by line; the warning names the lines.
* Text that is valid but holds mojibake ("â€™", "Ã©") or C1 control characters (U+0080–U+009F,
  what an old export leaves when it decoded UTF-8 as Latin-1) is repaired with ``ftfy``; control
  characters that remain, and NUL bytes, are removed. Each with a warning naming the lines.
* Bytes that only decode as garbage (a binary file) are refused with :class:`DecodeError`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from os import PathLike

from ..errors import DecodeError
from ._messages import note

__all__ = ["Decoded", "decode", "decode_text", "normalize_newlines", "ENCODINGS", "line_list"]

#: The encodings that are exact (no warning) or the usual Windows default.
ENCODINGS = ("utf-8-sig", "utf-16", "utf-32", "utf-8", "cp1252")

# Control characters that never occur in a real text file: C0 controls other than tab, newline,
# vertical tab, form feed, carriage return and the old DOS end-of-file marker; DEL; C1 controls.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x80-\x9f]")
_NEWLINES = re.compile(r"\r\n?")
# Runs of three or more non-ASCII letters: Western European text has accents inside ASCII words
# ("café", "reünie"); CJK or Cyrillic bytes read as Windows-1252 give long runs ("ÄãºÃ").
_RUN = re.compile(r"[^\x00-\x7f\s]{3,}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# UTF-8 read as Latin-1 or Windows-1252 always shows a lead byte (Â … ô) followed by a
# continuation byte (U+0080–U+00BF, or what Windows-1252 makes of 0x80–0x9F): a cheap test
# before ftfy's own, so ordinary accented text ("één", "café") costs one scan.
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                            "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "windows-1252", "ascii", "utf_8"}

_HINT = (
    "Save the file as UTF-8 (in Word: Save As > Plain Text > Unicode (UTF-8); in Excel: "
    "'CSV UTF-8'), or check that it is a text file at all."
)


@dataclass
class Decoded:
    """Decoded text, the encoding that was used, and what had to be repaired (one line each)."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def line_list(lines: list[int], limit: int = 8, language: str = "en") -> str:
    """'line 3' or 'lines 3, 7, 12 and 4 more' for 1-based line numbers ('regel 3', 'regels …' in Dutch)."""
    one, many, more = ("regel", "regels", "en {n} meer") if language == "nl" else ("line", "lines", "and {n} more")
    if len(lines) == 1:
        return f"{one} {lines[0]}"
    shown = ", ".join(str(n) for n in lines[:limit])
    return f"{many} {shown}" + (" " + more.format(n=len(lines) - limit) if len(lines) > limit else "")


def _where(lines: list[int]) -> dict[str, str]:
    return {"lines_en": line_list(lines), "lines_nl": line_list(lines, language="nl")}


def _western(text: str) -> bool:
    non_ascii = len(_NON_ASCII.findall(text))
    if not non_ascii:
        return True
    in_runs = sum(len(m.group()) for m in _RUN.finditer(text))
    return in_runs <= 0.3 * non_ascii


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for zeros, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros >= 0.4 * half and min(even, odd) <= 0.05 * half:
            try:
                data.decode(enc)
            except UnicodeDecodeError:
                return None
            return enc
    return None


def _legacy(data: bytes, path) -> tuple[str, str, list[str]]:
    """Bytes that are not UTF-8: Windows-1252, lines of both, or a detected legacy code page."""
    lines = data.split(b"\n")
    utf8_lines, other = 0, []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            other.append(i)
    if utf8_lines and other:  # a file edited in two programs: decode line by line
        out = []
        bad = []
        for i, line in enumerate(lines):
            try:
                out.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                try:
                    out.append(line.decode("cp1252"))
                except UnicodeDecodeError:
                    out.append(line.decode("cp1252", errors="replace"))
                bad.append(i + 1)
        warning = note("mixed_encoding", **_where(bad))
        return "\n".join(out), "utf-8+cp1252", [warning]
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _western(text):
        return text, "cp1252", []
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in _WESTERN and text is None:
        where = ""
        try:
            data.decode("cp1252")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            where = f" (byte 0x{data[exc.start]:02X} on line {line} is not valid UTF-8 or Windows-1252)"
        raise DecodeError(f"cannot decode the file as text{where}; tried utf-8, cp1252 and code page detection",
                          path=path, hint=_HINT)
    encoding = best.encoding
    language = f", {best.language}" if best.language and best.language != "Unknown" else ""
    return str(best), encoding, [note("legacy_encoding", encoding=encoding, detail=language)]


def _repair(text: str) -> tuple[str, list[str], int]:
    """Repair mojibake and remove control characters, line by line: (text, warnings, removed)."""
    import ftfy

    warnings: list[str] = []
    has_ctrl = _BINARY.search(text) is not None
    if not has_ctrl and (not _MOJIBAKE_HINT.search(text) or not ftfy.badness.is_bad(text)):
        return text, warnings, 0
    lines = text.split("\n")
    fixed_lines, removed_lines, removed, n_removed = [], [], set(), 0
    example = ""
    for i, line in enumerate(lines):
        if not line.isascii() and (_C1.search(line) or (_MOJIBAKE_HINT.search(line) and ftfy.badness.is_bad(line))):
            fixed = ftfy.fix_encoding(line)
            if fixed != line:
                if not example:
                    a = next(k for k, (x, y) in enumerate(zip(line, fixed, strict=False)) if x != y)
                    example = f" ({line[a:a + 3]!r} → {fixed[a:a + 1]!r})"
                lines[i] = line = fixed
                fixed_lines.append(i + 1)
        if _BINARY.search(line):
            found = _BINARY.findall(line)
            n_removed += len(found)
            removed.update(f"U+{ord(c):04X}" for c in found)
            lines[i] = _BINARY.sub("", line)
            removed_lines.append(i + 1)
    if fixed_lines:
        warnings.append(note("mojibake_repaired", example=example, **_where(fixed_lines)))
    if removed_lines:
        warnings.append(note("control_removed", chars=", ".join(sorted(removed)), **_where(removed_lines)))
    return "\n".join(lines), warnings, n_removed


def _refuse_binary(text: str, n_ctrl: int, encoding: str, path) -> None:
    m = _BINARY.search(text)
    line = text.count("\n", 0, m.start()) + 1
    raise DecodeError(f"cannot decode the file as text (control character U+{ord(m.group()):04X} on line {line}, "
                      f"and {n_ctrl - 1} more: a binary file or another encoding); tried {encoding}",
                      path=path, hint=_HINT)


def decode(data: bytes, *, path: str | PathLike | None = None) -> Decoded:
    """Decode the bytes of a text file, detecting its encoding and repairing what can be.

    Parameters
    ----------
    data : bytes
        The file's content.
    path : str or PathLike, optional
        The file's name, used in error messages only.

    Returns
    -------
    Decoded
        ``text`` (newlines as found, see :func:`normalize_newlines`; a byte-order mark removed),
        ``encoding`` ('utf-8', 'utf-8-sig', 'utf-16', 'utf-16-le', 'cp1252', 'utf-8+cp1252' for a
        mix of lines, or a detected code page such as 'gb18030') and ``warnings`` (one sentence
        each, starting with the lines concerned where there are any).

    Raises
    ------
    DecodeError
        When the bytes are not text: control characters throughout (a binary file), or bytes
        that no encoding reads.

    Examples
    --------
    >>> decode("Één reünie".encode("cp1252")).encoding
    'cp1252'
    >>> d = decode("Wouldn\\u00e2\\x80\\x99t".encode("utf-8"))
    >>> d.text, d.warnings[0][:26]
    ('Wouldn’t', 'line 1: mojibake repaired ')
    """
    data = bytes(data)
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        candidates = ("utf-32",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8",)
    text = None
    try:
        text, encoding = data.decode(candidates[0]), candidates[0]
    except UnicodeDecodeError as exc:
        if candidates[0] != "utf-8":
            line = data.count(b"\n", 0, exc.start) + 1
            raise DecodeError(f"cannot decode the file as text (byte 0x{data[exc.start]:02X} on line {line} is not "
                              f"valid {candidates[0]})", path=path, hint=_HINT) from None
    if text is None:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            text, encoding = data.decode(utf16), utf16
        else:
            text, encoding, warnings = _legacy(data, path)
    elif "\x00" in text[:4096] and _utf16_without_bom(data):
        encoding = _utf16_without_bom(data)
        text = data.decode(encoding)
    n_ctrl = len(_BINARY.findall(text)) if _BINARY.search(text) else 0
    if n_ctrl > 0.3 * len(text):
        _refuse_binary(text, n_ctrl, encoding, path)
    fixed, repaired, removed = _repair(text)
    if removed > 2 + 0.01 * len(text):  # control characters throughout: not text
        _refuse_binary(text, removed, encoding, path)
    text = fixed
    return Decoded(text, encoding, warnings + repaired)


def decode_text(
    data: bytes, *, path: str | PathLike | None = None, warnings: list[str] | None = None
) -> tuple[str, str]:
    """Decode a text file's bytes: ``(text, encoding)``, see :func:`decode`.

    With a ``warnings`` list, what had to be repaired is appended to it. Without one the
    decoding must be clean: anything :func:`decode` would warn about raises
    :class:`DecodeError` instead (for callers that cannot show a warning).

    Examples
    --------
    >>> decode_text("Één reünie".encode("utf-8"))
    ('Één reünie', 'utf-8')
    >>> decode_text("Één reünie".encode("cp1252"))
    ('Één reünie', 'cp1252')
    >>> decode_text(codecs.BOM_UTF8 + b"id;naam")
    ('id;naam', 'utf-8-sig')
    """
    result = decode(data, path=path)
    if result.warnings:
        if warnings is None:
            raise DecodeError(f"cannot decode the file cleanly ({result.warnings[0]})", path=path, hint=_HINT)
        warnings.extend(result.warnings)
    return result.text, result.encoding


def normalize_newlines(text: str) -> str:
    r"""Turn Windows (``\r\n``) and old Mac (``\r``) line ends into ``\n``.

    >>> normalize_newlines("a\r\nb\rc\n")
    'a\nb\nc\n'
    """
    if "\r" not in text:
        return text
    return _NEWLINES.sub("\n", text)
