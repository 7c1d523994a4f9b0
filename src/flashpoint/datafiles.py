"""The TSV data files (lexicons, codebooks, the KB) read by one rule, and where they are.

Every file under ``flashpoint/data`` is tab-separated text whose ``#`` lines name its
sources; blank lines are skipped; the first other line is a header naming the columns,
unless the caller names them (files of two obvious columns have none). One reader means one
answer to "what is a comment, what is a header" for every data file, packaged or a user's
own (a KB or lexicon directory passed through the pipeline config, see :func:`data_dir`).
"""
from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from flashpoint.errors import PipelineError


def tsv_rows(name: str, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """Rows of ``flashpoint/data/<name>`` as dicts keyed by the header (or ``columns``)."""
    return parse_tsv(resources.files("flashpoint.data").joinpath(name).read_text("utf-8"), name, columns)


def parse_tsv(text: str, name: str, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """The rows of TSV ``text`` (see the module docstring), cells stripped; a row of the wrong
    width is a ValueError naming ``name`` and the row, never a silently shifted column."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = list(columns) if columns is not None else lines.pop(0).split("\t")
    rows = []
    for number, line in enumerate(lines, start=1):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != len(header):
            raise ValueError(f"{name}: row {number} has {len(cells)} cells, expected {len(header)}")
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def data_dir(name: str, chosen: str | Path | None = None) -> Path:
    """The data directory a component reads, as an absolute path: ``chosen`` when given (a
    user's KB or lexicon), else the packaged ``flashpoint/data/<name>`` ("" counts as not
    given: it is what an unset path in the pipeline config holds)."""
    directory = Path(chosen) if chosen else Path(str(resources.files("flashpoint.data").joinpath(name)))
    return directory.resolve()


def read_tsv(path: Path, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """Rows of the TSV file ``path`` (see :func:`parse_tsv`); a file that is missing or
    malformed is a PipelineError naming it, since the pipeline cannot be built without it."""
    try:
        return parse_tsv(path.read_text("utf-8"), str(path), columns)
    except OSError as error:
        raise PipelineError("E011", str(path), reason=error.strerror or type(error).__name__) from error
    except (ValueError, UnicodeDecodeError) as error:
        raise PipelineError("E011", str(path), reason=str(error).removeprefix(f"{path}: ")) from error
