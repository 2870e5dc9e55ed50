"""The ``framing`` command line: a thin layer over the library.

Each command resolves its arguments, calls one library function, hands the typed result to the
table renderer and maps library errors to a one-line message with exit code 2. This is the only
module that prints.
"""

from __future__ import annotations

import json
import sys

from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

import framing
from framing.errors import FramingError, SkippedRecord
from framing.readers import OnError, ReadOptions, read_corpus
from framing.tables import TABLE_FORMATS, render_table

app = typer.Typer(
    name="framing",
    help="Compare how news outlets frame the same events: loaded terms, voice, attribution, "
    "hedging.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
corpus_app = typer.Typer(
    help="Read corpora: summary statistics and conversion to normalised records.",
    no_args_is_help=True,
)
app.add_typer(corpus_app, name="corpus")

EXIT_BAD_INPUT = 2


def _fail(message: str) -> NoReturn:
    """Print one line to stderr and exit 2 (a user mistake, never a traceback)."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=EXIT_BAD_INPUT)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"framing {framing.__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Compare how news outlets frame the same events."""


# --- shared input options -------------------------------------------------------------------

PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Input files or directories (live-feed .txt, .jsonl, .csv, .tsv, .parquet, .html); "
        "'-' reads JSONL from standard input.",
        show_default=False,
    ),
]
OutletOpt = Annotated[
    str | None,
    typer.Option("--outlet", help="Outlet name for every entry (default: from the input)."),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="Date (YYYY-MM-DD) of the newest entry of a live feed; without it, live-feed "
        "entries keep their clock time but have no date.",
    ),
]
TzOpt = Annotated[
    str,
    typer.Option("--tz", help="Time zone of live-feed times and naive timestamps (IANA name)."),
]
OnErrorOpt = Annotated[
    OnError,
    typer.Option(
        "--on-error",
        help="'fail' stops at the first bad record; 'skip' skips it and reports it at the end.",
        case_sensitive=False,
    ),
]
EncodingOpt = Annotated[
    str,
    typer.Option(
        "--encoding",
        help="Text encoding of input files: 'utf-8' (BOMs for UTF-8/16/32 are honoured), "
        "'auto' (detect the charset), or any Python codec name such as 'cp1252'.",
    ),
]


def _read_options(outlet: str | None, date: str | None, tz: str, on_error: OnError,
                  encoding: str) -> ReadOptions:
    try:
        return ReadOptions.create(
            outlet=outlet, date=date, tz=tz, on_error=on_error, encoding=encoding
        )
    except FramingError as exc:
        _fail(str(exc))


def _report_skipped(skipped: list[SkippedRecord]) -> None:
    if not skipped:
        return
    typer.echo(f"skipped {len(skipped)} record(s):", err=True)
    reasons: dict[str, int] = {}
    for record in skipped:
        typer.echo(f"  {record.location}: {record.reason}", err=True)
        reasons[record.code] = reasons.get(record.code, 0) + 1


FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="Table format: 'json', 'csv', 'tsv' or any tabulate format ("
        + ", ".join(TABLE_FORMATS)
        + ").",
    ),
]


# --- corpus commands ------------------------------------------------------------------------


@corpus_app.command("info")
def corpus_info(
    paths: PathsArg,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
    fmt: FormatOpt = "simple",
) -> None:
    """Summarise a corpus: entries per outlet, kinds, date range and words."""
    from framing.stats import corpus_info_rows

    options = _read_options(outlet, date, tz, on_error, encoding)
    try:
        corpus, skipped = read_corpus(paths, options=options, with_skipped=True)
        summary = corpus.summary()
    except FramingError as exc:
        _fail(str(exc))
    if fmt == "json":
        payload: dict[str, Any] = summary.to_dict()
        payload["n_skipped"] = len(skipped)
        payload["skipped"] = [s.to_dict() for s in skipped]
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    try:
        typer.echo(render_table(corpus_info_rows(summary), fmt))
    except FramingError as exc:
        _fail(str(exc))
    _report_skipped(skipped)


@corpus_app.command("convert")
def corpus_convert(
    paths: PathsArg,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Output file: .jsonl, .csv or .parquet."),
    ],
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
) -> None:
    """Convert inputs to normalised records with the Entry fields (id, outlet, published, …)."""
    from framing.writers import write_entries

    options = _read_options(outlet, date, tz, on_error, encoding)
    try:
        stream = framing.iter_entries(paths, options=options)
        n_written = write_entries(stream, output)
    except FramingError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {n_written} entries to {output}", err=True)
    _report_skipped(stream.skipped)


# --- demo -----------------------------------------------------------------------------------


@app.command("demo")
def demo(fmt: FormatOpt = "simple") -> None:
    """Run on the bundled, fictional demo corpus and print the per-outlet table."""
    from framing.demo import run_demo

    try:
        result = run_demo()
        typer.echo(result.title)
        typer.echo(render_table(result.rows, fmt))
    except FramingError as exc:
        _fail(str(exc))
    typer.echo(result.footnote)


# --- lexicon commands (framing lexicon …) ----------------------------------------------------
# (added by the lexicon engine; keep this section self-contained)

# --- end of lexicon commands ----------------------------------------------------------------




def main() -> None:
    """Entry point of the ``framing`` console script."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        typer.echo("interrupted", err=True)
        sys.exit(130)
