"""Read inputs (text, HTML, JSON, JSON Lines, directories, stdin) into Articles.

Readers yield an ``Article`` or an ``InputError`` per input (per line for JSON Lines), never
raise for one bad input: one broken file must not stop a batch, and the caller decides how
to report what failed.
"""
from __future__ import annotations

import codecs
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from flashpoint.errors import InputError
from flashpoint.ingest.article import Article, doc_id_for
from flashpoint.ingest.dateline import find_dateline, parse_date
from flashpoint.ingest.decode import clean_text, decode_bytes, split_at_newlines
from flashpoint.ingest.fields import clean_value, id_field, json_type, text_field
from flashpoint.ingest.html import article_from_html
from flashpoint.ingest.json_input import JSONProblem, load_json
from flashpoint.settings import Settings

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
#: Read a line at a time (``_json_lines_file``): the size limit is per record, not per file.
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
#: What a directory walk picks up (README.md and the like are not articles).
DIRECTORY_SUFFIXES = {".txt", ".text"} | HTML_SUFFIXES | JSON_SUFFIXES
#: JSON fields that map onto Article attributes; any other field is kept as metadata.
KNOWN_FIELDS = {"id", "text", "title", "date", "url", "outlet", "author", "published"}

Result = Article | InputError
#: Bytes looked at to tell a JSON Lines file's encoding (see ``decode.split_at_newlines``).
_HEAD = 8192


def _finish(article: Article, date_override: date | None) -> Article:
    """Fill the publication date: override, else metadata, else the dateline."""
    if date_override:
        article.published, article.published_text = date_override, None
    elif article.published is None:
        found = find_dateline(article.text)
        if found:
            article.published, article.published_text = found
    return article


def _from_text(text: str, path: str | None) -> Article:
    return Article(doc_id=doc_id_for(text, path=path), text=text, outlet=Path(path).stem if path else None,
                   source_path=path)


def _from_record(record: Any, where: str, path: str | None, whole_file: bool) -> Article:
    """A JSON object as an article; its ``id`` names it, else the file it fills, else its text.

    Every known field is type-checked (E050 names a field of the wrong type) and every string
    cleaned (``fields``), the metadata's too.
    """
    if not isinstance(record, dict):
        raise InputError("E005", where, problem=f"expected a JSON object, got {json_type(record)}")
    text = text_field(record, "text", where)
    if not text or not text.strip():
        raise InputError("E009", where)
    given_date = text_field(record, "date", where) or text_field(record, "published", where)
    doc_id = doc_id_for(text, id_field(record, where), path if whole_file else None)
    return Article(
        doc_id=doc_id, text=text, title=text_field(record, "title", where), url=text_field(record, "url", where),
        outlet=text_field(record, "outlet", where) or (Path(path).stem if path else None),
        author=text_field(record, "author", where), published=parse_date(given_date),
        published_text=given_date or None, source_path=path,
        metadata={clean_text(k): clean_value(v) for k, v in record.items() if k not in KNOWN_FIELDS})


def _json_document(text: str, name: str, path: str | None) -> Iterator[Result]:
    """A whole JSON document: one object, or a list of objects."""
    try:
        document = load_json(text)
    except JSONProblem as err:
        yield InputError("E005", name, problem=str(err))
        return
    if not isinstance(document, list):
        yield _safe(_from_record, document, name, path, True)
        return
    for index, record in enumerate(document, start=1):
        yield _safe(_from_record, record, f"{name}:record {index}", path, False)


def _json_lines(text: str, name: str, path: str | None) -> Iterator[Result]:
    """JSON Lines: one result per non-blank line, a bad line reported with its number."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _json_line(line, f"{name}:{number}", path)


def _json_line(line: str, where: str, path: str | None) -> Result:
    """One line of a JSON Lines input as an article, or the error naming the line."""
    try:
        record = load_json(line)
    except JSONProblem as err:
        return InputError("E005", where, problem=str(err))
    return _safe(_from_record, record, where, path, False)


def _json_lines_file(file: Path, settings: Settings) -> Iterator[Result]:
    """A JSON Lines file read a line at a time: the size limit is per record, not per file, so a
    file of any size is read in bounded memory and an oversized record is one error naming its
    line. A file in UTF-16 or UTF-32 (whose lines cannot be cut at newline bytes), or holding
    one JSON array, is read whole, within the limit, like any other file."""
    try:
        handle = open_file(file)
    except InputError as err:
        yield err
        return
    with handle:
        try:
            head = handle.peek(_HEAD)[:_HEAD]
            if not split_at_newlines(head) or head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"["):
                yield from read_bytes(handle.read(settings.max_bytes + 1), file.name, str(file), settings)
                return
            for number, line in enumerate(iter(lambda: handle.readline(settings.max_bytes + 1), b""), start=1):
                where = f"{file}:{number}"
                if len(line) > settings.max_bytes and not line.endswith(b"\n"):
                    size = len(line)
                    while line and not line.endswith(b"\n"):  # the rest of the oversized record
                        line = handle.readline(settings.max_bytes + 1)
                        size += len(line)
                    yield InputError("E003", where, size=size, limit=settings.max_bytes)
                elif line.strip():
                    try:
                        yield _json_line(decode_bytes(line, where, settings.max_bytes), where, str(file))
                    except InputError as err:
                        yield err
        except OSError as err:
            yield InputError("E007", str(file), reason=(err.strerror or str(err)).lower())


def _json_records(text: str, name: str, path: str | None) -> Iterator[Result]:
    """A JSON document (``.json``, or any text opening with ``[``) or JSON Lines."""
    if Path(name).suffix.lower() == ".json" or text.lstrip().startswith("["):
        yield from _json_document(text, name, path)
    else:
        yield from _json_lines(text, name, path)


def _safe(build: Callable[..., Article], *args: Any) -> Result:
    """``build(*args)``, or the InputError it raised: one bad record must not stop the rest."""
    try:
        return build(*args)
    except InputError as err:
        return err


def read_record(record: Mapping[str, Any], where: str) -> Article:
    """One JSON object as an article, read exactly as a line of a JSON Lines file is (same
    fields, doc_id and dateline): how an article posted to the API comes in."""
    return _finish(_from_record(dict(record), where, None, False), None)


def read_bytes(data: bytes, name: str, path: str | None, settings: Settings) -> Iterator[Result]:
    """Articles from the bytes of one input, dispatched on the file's suffix.

    ``name`` (the file name) becomes the doc_id; errors name the full ``path`` when there is one.
    """
    label = path or name
    try:
        text = decode_bytes(data, label, settings.max_bytes)
    except InputError as err:
        yield err
        return
    suffix = Path(name).suffix.lower()
    opening = text.lstrip()[:15]
    if suffix in JSON_SUFFIXES or (not suffix and opening.startswith(("{", "["))):
        yield from _json_records(text, label, path)
    elif suffix in HTML_SUFFIXES or opening.lower().startswith(("<!doctype", "<html")):
        yield _safe(article_from_html, text, name, path)
    elif suffix in TEXT_SUFFIXES:
        yield _from_text(text, path)
    else:
        yield InputError("E008", label, suffix=suffix)


def files_under(path: Path) -> Iterator[Path]:
    """``path`` itself, or the article files under a directory, in path order.

    Symbolic links to directories are not followed (a link loop cannot make the walk endless);
    entries that are not regular files are still yielded when their suffix matches, so that
    reading them reports what they are instead of skipping them silently.
    """
    if not path.is_dir():
        yield path
        return
    found = [Path(top, name) for top, _, names in os.walk(path) for name in names
             if not name.startswith(".") and Path(name).suffix.lower() in DIRECTORY_SUFFIXES]
    yield from sorted(found)


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a directory"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def open_file(path: Path) -> io.BufferedReader:
    """A regular file opened for reading (buffered), or ``InputError`` (E007) naming it.

    The file is opened without blocking and checked before anything is read: a FIFO or a
    device given by name would otherwise hang the run or never end.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as err:
        reason = "no such file or directory" if err.errno == errno.ENOENT else (err.strerror or str(err)).lower()
        raise InputError("E007", str(path), reason=reason) from err
    handle = os.fdopen(fd, "rb")
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        raise InputError("E007", str(path), reason=f"{_file_kind(mode)}, not a regular file")
    os.set_blocking(fd, True)
    return handle


def read_file(path: Path, limit: int) -> bytes:
    """Up to ``limit`` + 1 bytes of a regular file (one more shows it is over the limit);
    ``InputError`` (E007) naming the file when it cannot be read (see ``open_file``)."""
    with open_file(path) as handle:
        try:
            return handle.read(limit + 1)
        except OSError as err:
            raise InputError("E007", str(path), reason=(err.strerror or str(err)).lower()) from err


def read_inputs(inputs: Iterable[str], settings: Settings | None = None,
                date_override: date | None = None) -> Iterator[Result]:
    """Every article (or error) from files, directories and ``-`` (stdin)."""
    settings = settings or Settings()
    for spec in inputs:
        if spec == "-":
            data = sys.stdin.buffer.read(settings.max_bytes + 1)
            for result in read_bytes(data, "<stdin>", None, settings):
                yield result if isinstance(result, InputError) else _finish(result, date_override)
            continue
        for file in files_under(Path(spec)):
            if file.suffix.lower() in JSON_LINES_SUFFIXES:
                for result in _json_lines_file(file, settings):
                    yield result if isinstance(result, InputError) else _finish(result, date_override)
                continue
            try:
                data = read_file(file, settings.max_bytes)
            except InputError as err:
                yield err
                continue
            for result in read_bytes(data, file.name, str(file), settings):
                yield result if isinstance(result, InputError) else _finish(result, date_override)
