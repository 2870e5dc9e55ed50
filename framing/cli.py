"""The ``framing`` command line: a thin layer over the library.

Each command resolves its arguments, calls one library function, hands the typed result to the
table renderer and maps library errors to a one-line message with exit code 2. This is the only
module that prints.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

import framing
from framing.errors import FramingError, SkippedRecord
from framing.readers import OnError, ReadOptions, read_corpus
from framing.tables import TABLE_FORMATS, check_format, render_table

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
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


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
    with _interruptible(output):
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
    """Analyse the bundled, fictional demo corpus and print the per-outlet comparison."""
    from framing.demo import run_demo

    try:
        result = run_demo()
        typer.echo(result.title)
        typer.echo(render_table(result.rows, fmt, numparse=False))
    except FramingError as exc:
        _fail(str(exc))
    typer.echo(result.footnote)


# --- lexicon commands (framing lexicon …) ----------------------------------------------------
# (added by the lexicon engine; keep this section self-contained)


lexicon_app = typer.Typer(
    help="Lexicons: list, show, validate, match, import and export.",
    no_args_is_help=True,
)
app.add_typer(lexicon_app, name="lexicon")

LexiconOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--lexicon",
        "-l",
        help="A bundled lexicon name or a lexicon file (.yaml, .tsv, .dic); repeatable. Added "
        "to the bundled lexicons; one with a bundled lexicon's name replaces it.",
        show_default=False,
    ),
]
NoDefaultLexiconsOpt = Annotated[
    bool,
    typer.Option(
        "--no-default-lexicons",
        help="Use only the lexicons given with --lexicon, not the bundled ones.",
    ),
]


class LexiconImportFormat(StrEnum):
    """Formats `framing lexicon import` reads."""

    liwc = "liwc"
    quanteda = "quanteda"
    tsv = "tsv"
    yaml = "yaml"


class LexiconExportFormat(StrEnum):
    """Formats `framing lexicon export` writes."""

    liwc = "liwc"
    tsv = "tsv"
    yaml = "yaml"


def _run_lexicons(specs: list[str] | None, no_default: bool) -> list[Any]:
    """The lexicons of a run (bundled plus --lexicon), or a one-line error."""
    from framing.lexicon import resolve_lexicons

    try:
        return resolve_lexicons(list(specs or []), include_default=not no_default)
    except FramingError as exc:
        _fail(str(exc))


def _version_cell(version: str, fmt: str) -> str:
    # tabulate would print "1.0" as the number 1.00; a "v" keeps it a version.
    return version if fmt in ("json", "csv", "tsv") else f"v{version}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


@lexicon_app.command("list")
def lexicon_list(lexicon: LexiconOpt = None, fmt: FormatOpt = "simple") -> None:
    """List the bundled lexicons (and any given with --lexicon): version, entries, actors."""
    from framing.lexicon import LexiconInfo, list_bundled, load_spec

    try:
        infos = list_bundled()
        for spec in lexicon or []:
            loaded, bundled = load_spec(spec)
            if not bundled:
                infos.append(LexiconInfo.of(loaded))
    except FramingError as exc:
        _fail(str(exc))
    rows = [
        {
            "name": info.name,
            "version": _version_cell(info.version, fmt),
            "entries": info.n_entries,
            "actors": info.n_actors,
            "categories": len(info.categories),
            "language": info.language,
            "bundled": "yes" if info.bundled else "no",
            "path": str(info.path) if info.path else "",
        }
        for info in infos
    ]
    try:
        typer.echo(render_table(rows, fmt))
    except FramingError as exc:
        _fail(str(exc))


@lexicon_app.command("show")
def lexicon_show(
    name: Annotated[str, typer.Argument(help="A bundled lexicon name or a lexicon file.")],
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Show only this category.")
    ] = None,
    actors: Annotated[
        bool, typer.Option("--actors", help="Show the lexicon's actors instead of its entries.")
    ] = False,
    fmt: FormatOpt = "simple",
) -> None:
    """Show a lexicon's entries (or actors) as a table."""
    from framing.lexicon import load_spec

    try:
        loaded, _ = load_spec(name)
    except FramingError as exc:
        _fail(str(exc))
    rows: list[dict[str, Any]]
    if actors:
        rows = [
            {"name": a.name, "aliases": "; ".join(a.aliases), "side": a.side, "kind": a.kind}
            for a in loaded.actors
        ]
    else:
        if category is not None and category not in loaded.categories:
            _fail(f"the `--category` option must be one of {', '.join(loaded.categories)}; "
                  f"got {category!r}")
        rows = [
            {
                "term": entry.label,
                "variants": "; ".join(entry.variants),
                "category": entry.category,
                "orientation": entry.orientation,
                "note": _one_line(entry.note or ""),
            }
            for entry in loaded.entries
            if category is None or entry.category == category
        ]
    try:
        typer.echo(render_table(rows, fmt))
    except FramingError as exc:
        _fail(str(exc))


@lexicon_app.command("validate")
def lexicon_validate(
    paths: Annotated[
        list[str],
        typer.Argument(help="Lexicon files or directories (or bundled names) to check.",
                       show_default=False),
    ],
) -> None:
    """Check lexicon files; print every problem as `file:line: entry 'x': problem` (exit 2)."""
    from framing.lexicon import LEXICON_SUFFIXES, bundled_paths, check_lexicon_file

    n_problems = 0
    for spec in paths:
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in LEXICON_SUFFIXES)
        elif not path.exists() and spec in bundled_paths():
            files = [bundled_paths()[spec]]
        else:
            files = [path]
        for file in files:
            try:
                result = check_lexicon_file(file)
            except FramingError as exc:
                typer.echo(str(exc))
                n_problems += 1
                continue
            for problem in result.problems:
                typer.echo(str(problem))
            n_problems += len(result.problems)
            if result.lexicon is not None:
                checked = result.lexicon
                typer.echo(f"ok: {checked.name} v{checked.version} ({checked.n_entries} "
                           f"entries, {checked.n_actors} actors)")
    if n_problems:
        typer.echo(f"{n_problems} problem(s) found", err=True)
        raise typer.Exit(code=EXIT_BAD_INPUT)


@lexicon_app.command("match")
def lexicon_match(
    text: Annotated[
        str,
        typer.Argument(help="The text to search, or a file read as plain UTF-8 text.",
                       show_default=False),
    ],
    lexicon: LexiconOpt = None,
    no_default_lexicons: NoDefaultLexiconsOpt = False,
    actors: Annotated[
        bool, typer.Option("--actors", help="Also list mentions of the lexicons' actors.")
    ] = False,
    fmt: FormatOpt = "simple",
) -> None:
    """Print each lexicon match in a text: line:column, text, lexicon, category, orientation."""
    from bisect import bisect_right

    from framing.lexicon import Matcher

    path = Path(text) if len(text) < 4096 and "\n" not in text else None
    try:
        is_file = path is not None and path.is_file()
    except (OSError, ValueError):  # a text that cannot be a file name
        is_file = False
    if path is not None and is_file:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"{path}: cannot read as UTF-8 text ({exc})")
    text = text.replace("\r\n", "\n")
    try:
        matcher = Matcher(_run_lexicons(lexicon, no_default_lexicons))
    except FramingError as exc:
        _fail(str(exc))
    line_starts = [0]
    newline = text.find("\n")
    while newline != -1:
        line_starts.append(newline + 1)
        newline = text.find("\n", newline + 1)
    found: list[tuple[int, int, str, str, str, str | None, str]] = [
        (m.start, m.end, m.text, m.lexicon, m.category, m.orientation, m.entry.label)
        for m in matcher.find(text)
    ]
    if actors:
        found += [(a.start, a.end, a.text, a.lexicon, "actor", a.side, a.actor.name)
                  for a in matcher.find_actors(text)]
        found.sort(key=lambda row: row[0])
    rows: list[dict[str, Any]] = []
    for start, end, matched, lexicon_name, category, orientation, label in found:
        line = bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        if fmt == "json":
            rows.append({"start": start, "end": end, "line": line, "column": column,
                         "text": matched, "lexicon": lexicon_name, "category": category,
                         "orientation": orientation, "entry": label})
        else:
            rows.append({"at": f"{line}:{column}", "text": _one_line(matched),
                         "lexicon": lexicon_name, "category": category,
                         "orientation": orientation})
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        typer.echo("no matches", err=True)
        return
    try:
        typer.echo(render_table(rows, fmt))
    except FramingError as exc:
        _fail(str(exc))


@lexicon_app.command("import")
def lexicon_import(
    file: Annotated[Path, typer.Argument(help="The dictionary to import.", show_default=False)],
    from_format: Annotated[
        LexiconImportFormat,
        typer.Option("--from", help="Format of the dictionary.", case_sensitive=False),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The lexicon file to write (.yaml).")
    ],
    name: Annotated[
        str | None, typer.Option("--name", help="Name of the new lexicon (default: file stem).")
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid",
                     help="Drop terms with problems (listed on stderr) instead of failing."),
    ] = False,
) -> None:
    """Import a LIWC .dic, quanteda YAML or TSV dictionary as a validated YAML lexicon."""
    from framing.lexicon import import_lexicon, write_lexicon

    try:
        result = import_lexicon(file, from_format.value, name=name, skip_invalid=skip_invalid)
        write_lexicon(result.lexicon, output)
    except FramingError as exc:
        _fail(str(exc))
    for problem in result.skipped:
        typer.echo(f"skipped: {problem}", err=True)
    imported = result.lexicon
    typer.echo(f"wrote {imported.name} v{imported.version} ({imported.n_entries} entries, "
               f"{len(imported.categories)} categories) to {output}", err=True)


@lexicon_app.command("export")
def lexicon_export(
    name: Annotated[str, typer.Argument(help="A bundled lexicon name or a lexicon file.")],
    to: Annotated[
        LexiconExportFormat,
        typer.Option("--to", help="Output format.", case_sensitive=False),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file (default: stdout).")
    ] = None,
) -> None:
    """Export a lexicon as LIWC .dic, TSV or YAML (LIWC keeps only terms and categories)."""
    from framing.lexicon import export_lexicon, load_spec, write_lexicon

    try:
        loaded, _ = load_spec(name)
        if output is None:
            typer.echo(export_lexicon(loaded, to.value), nl=False)
            return
        write_lexicon(loaded, output, fmt=to.value)
    except FramingError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {loaded.name} v{loaded.version} to {output}", err=True)

# --- end of lexicon commands ----------------------------------------------------------------




# --- analysis commands (framing score, framing explain) -----------------------------------


def _analyzer(lexicon: list[str] | None, no_default: bool) -> Any:
    from framing.analysis.analyze import Analyzer

    return Analyzer.from_specs(list(lexicon or []), include_default=not no_default)


@app.command("score")
def score_command(
    paths: PathsArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o",
                     help="Write records here: .jsonl (full records with spans), .csv or "
                     ".parquet (counts and rates). Default: JSONL on standard output."),
    ] = None,
    lexicon: LexiconOpt = None,
    no_default_lexicons: NoDefaultLexiconsOpt = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes, each reading and scoring its own shards "
        "(whole files; runs of records of JSONL/CSV files); the output is identical. One live "
        "feed is always scored by one process.")] = 1,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
    progress: ProgressOpt = None,
    sentences: Annotated[list[str] | None, typer.Option(
        "--sentences", help="Add per-sentence probabilities of a sentence detector (hedged, "
        "biased; repeatable). Train it first with 'framing classify detectors train'.")] = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
) -> None:
    """Score every entry: loaded terms by voice, attributions, hedges, readability, tone."""
    from collections import deque

    from framing.analysis.batch import score_entries
    from framing.analysis.output import check_score_output, write_scores

    options = _read_options(outlet, date, tz, on_error, encoding)
    if _use_dask(engine, scheduler):
        if sentences:
            _fail("`--sentences` runs with the local engine only; drop `--engine dask`")
        with _interruptible(output, partial=None if output is not None else
                            "standard output holds the records scored so far"):
            _score_on_dask(paths, output, options, lexicon, no_default_lexicons,
                           scheduler=scheduler, jobs=jobs)
        return
    partial = None if output is not None else "standard output holds the records scored so far"
    if jobs > 1:
        with _interruptible(output, partial=partial):
            _score_sharded(paths, output, options, lexicon, no_default_lexicons, jobs=jobs,
                           sentences=sentences or [], show=_show_progress(progress))
        return
    counter = _Counter()
    with _interruptible(output, partial=partial):
        try:
            if output is not None:
                check_score_output(output)
            detectors = _load_detectors(sentences or [])
            analyzer = _analyzer(lexicon, no_default_lexicons)
            stream = framing.iter_entries(paths, options=options)
            tracker = _input_progress(stream, _show_progress(progress))
            texts: deque[str] = deque()
            entries = counter.count(tracker.reading(stream) if tracker else stream)
            if detectors:
                entries = _keep_texts(entries, texts)
            # closing(): on Ctrl-C the scoring generator is closed at once, which terminates
            # a --jobs worker pool before the message is printed.
            with _closing(score_entries(entries, analyzer, jobs=jobs)) as scored, \
                    _closing(_with_progress(scored, "scoring", tracker=tracker,
                                            enabled=tracker is not None)) as records:
                per_sentence = _sentence_rows(detectors, texts) if detectors else None
                if output is None:
                    for record in records:
                        fields = record.to_dict()
                        if per_sentence is not None:
                            fields["sentences"] = next(per_sentence)
                        typer.echo(json.dumps(fields, ensure_ascii=False))
                    n_written = counter.n
                else:
                    n_written = write_scores(records, output, sides=analyzer.sides,
                                             sentences=per_sentence,
                                             detectors=list(detectors))
        except FramingError as exc:
            _fail(str(exc))
    n_skipped = len(stream.skipped)
    typer.echo(f"read {counter.n + n_skipped} record(s): scored {n_written}, skipped "
               f"{n_skipped}" + (f"; wrote {output}" if output else ""), err=True)
    _report_skipped(stream.skipped)


def _score_sharded(paths: list[str], output: Path | None, options: ReadOptions,
                   lexicon: list[str] | None, no_default: bool, *, jobs: int,
                   sentences: list[str], show: bool = False) -> None:
    """``framing score --jobs N``: workers read, score and encode their own shards."""
    from framing.analysis.batch import lexicon_sides
    from framing.analysis.output import check_score_output, write_score_parts
    from framing.parallel import ShardJob, ShardRunner

    try:
        if output is not None:
            check_score_output(output)
        detectors = list(_load_detectors(sentences))  # fail early, before any worker starts
        lexicons = tuple(_run_lexicons(lexicon, no_default))
        sides = lexicon_sides(lexicons)
        fmt = output.suffix.lower().lstrip(".") if output is not None else "jsonl"
        job = ShardJob(lexicons, options, output=fmt,  # type: ignore[arg-type]
                       sides=sides, detectors=tuple(detectors))
        runner = ShardRunner(paths, job, jobs=jobs)
        total = framing.iter_entries(paths, options=options).total_bytes() if show else None
        with _closing(_with_shard_progress(runner, total, enabled=show)) as results:
            parts = (result.payload for result in results)
            if output is None:
                for part in parts:
                    typer.echo(part, nl=False)
            else:
                write_score_parts(parts, output, sides=sides, detectors=detectors)
    except FramingError as exc:
        _fail(str(exc))
    n_skipped = len(runner.skipped)
    typer.echo(f"read {runner.n_entries + n_skipped} record(s): scored {runner.n_entries}, "
               f"skipped {n_skipped}" + (f"; wrote {output}" if output else ""), err=True)
    _report_skipped(runner.skipped)


def _load_detectors(names: list[str]) -> dict[str, Any]:
    """Load the named sentence detectors (in order, once each)."""
    if not names:
        return {}
    from framing.classify.detectors import check_detector_name, load_detector

    detectors: dict[str, Any] = {}
    for name in names:
        check_detector_name(name)
        if name not in detectors:
            detectors[name] = load_detector(name)
    return detectors


def _keep_texts(entries: Any, texts: Any) -> Any:
    """Pass entries through, remembering each text (scoring keeps the order)."""
    for entry in entries:
        texts.append(entry.text)
        yield entry


def _sentence_rows(detectors: dict[str, Any], texts: Any) -> Any:
    """Per-sentence detector rows of each remembered text, in order (endless generator)."""
    from framing.classify.detectors import score_sentences

    while True:
        yield score_sentences(detectors, texts.popleft()) if texts else []


class _Counter:
    """Counts entries as they stream past (for the final summary)."""

    def __init__(self) -> None:
        self.n = 0

    def count(self, items: Any) -> Any:
        for item in items:
            self.n += 1
            yield item


# --- progress bars and interruption (shared by every long-running command) -----------------
# How to use them in a command:
#   progress: ProgressOpt = None                         (the --progress/--no-progress option)
#   show = _show_progress(progress)
#   with _interruptible(output):                         (Ctrl-C: one line, exit 130)
#       entries = list(_read_with_progress(stream, show))          (bar in input bytes)
#       with _phase("aligning events", show): ...                  (spinner for one step)
#       records = list(_with_progress(score(entries, a), "scoring", total=len(entries),
#                                     enabled=show))               (bar in entries)
# Streaming pipelines pass `tracker=_input_progress(stream, show)`: wrap the input with
# `tracker.reading(…)` and the results with `_with_progress(…, tracker=tracker)`.

ProgressOpt = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress",
                 help="Show progress bars with rate and ETA on standard error (default: only "
                 "when standard error is a terminal).", show_default=False),
]


def _show_progress(flag: bool | None) -> bool:
    """Resolve --progress/--no-progress: by default, bars only on a terminal (never piped)."""
    return sys.stderr.isatty() if flag is None else flag


def _input_progress(stream: Any, enabled: bool = True) -> Any:
    """An :class:`~framing.progress.InputProgress` over an entry stream (None if disabled)."""
    if not enabled:
        return None
    from framing.progress import InputProgress

    return InputProgress(stream.total_bytes(), lambda: stream.bytes_read)


def _read_with_progress(stream: Any, enabled: bool, label: str = "reading") -> Any:
    """Iterate an entry stream with a bar in input bytes (just the stream when disabled)."""
    tracker = _input_progress(stream, enabled)
    if tracker is None:
        return iter(stream)
    return _with_progress(tracker.reading(stream), label, tracker=tracker)


def _with_progress(records: Any, label: str, *, tracker: Any = None, total: int | None = None,
                   enabled: bool = True) -> Any:
    """Yield ``records`` while a bar on standard error follows them.

    With ``tracker`` (an InputProgress whose ``reading`` wraps the input of ``records``) the
    bar counts input bytes: percentage, entries, entries/s, MB/s and ETA. With ``total`` it
    counts entries out of ``total``. With neither: a spinner, entries, entries/s, elapsed time.
    The bar disappears when done (or interrupted).
    """
    if not enabled:
        yield from records
        return
    import time

    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    columns: list[Any]
    if tracker is not None and tracker.total_bytes:
        from rich.progress import TimeRemainingColumn, TransferSpeedColumn

        columns = [TextColumn(label), BarColumn(), TaskProgressColumn(), _EntriesColumn(),
                   TransferSpeedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    elif total is not None:
        from rich.progress import MofNCompleteColumn, TimeRemainingColumn

        columns = [TextColumn(label), BarColumn(), TaskProgressColumn(), MofNCompleteColumn(),
                   _EntriesColumn(count=False), TextColumn("ETA"), TimeRemainingColumn()]
    else:
        from rich.progress import SpinnerColumn, TimeElapsedColumn

        columns = [SpinnerColumn(), TextColumn(label), _EntriesColumn(), TimeElapsedColumn()]
    sized = tracker is not None and bool(tracker.total_bytes)
    items = tracker.finished(records) if tracker is not None else records
    with Progress(*columns, transient=True, console=_progress_console()) as bar:
        task = bar.add_task(label, total=tracker.total_bytes if sized else total, entries=0)
        n_done, last = 0, 0.0
        for record in items:
            n_done += 1
            now = time.monotonic()
            if now - last >= 0.1:  # updating rich per record would cost more than the work
                last = now
                bar.update(task, completed=tracker.bytes_done if sized else n_done,
                           entries=n_done)
            yield record
        bar.update(task, completed=tracker.total_bytes if sized else n_done, entries=n_done)


def _with_shard_progress(runner: Any, total_bytes: int | None, *, enabled: bool) -> Any:
    """Yield a ShardRunner's results while a bar follows the input bytes they cover."""
    if not enabled:
        yield from runner
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    columns: list[Any] = [TextColumn("scoring"), BarColumn(), TaskProgressColumn(),
                          _EntriesColumn()]
    if total_bytes:
        from rich.progress import TimeRemainingColumn, TransferSpeedColumn

        columns += [TransferSpeedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns, transient=True, console=_progress_console()) as bar:
        task = bar.add_task("scoring", total=total_bytes or None, entries=0)
        for result in runner:
            bar.update(task, completed=runner.bytes_done, entries=runner.n_entries)
            yield result


def _EntriesColumn(*, count: bool = True) -> Any:  # noqa: N802 - reads like a column class
    """A rich column: "12,345 entries  5,432/s" (or only the rate)."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class EntriesColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            n_entries = int(task.fields.get("entries", 0))
            elapsed = task.elapsed or 0.0
            rate = f"{n_entries / elapsed:,.0f}/s" if elapsed > 0.5 else "–/s"
            return Text(f"{n_entries:,} entries {rate}" if count else rate,
                        style="progress.data.speed")

    return EntriesColumn()


@contextmanager
def _phase(label: str, enabled: bool) -> Iterator[None]:
    """A spinner with ``label`` while a step without finer progress runs (e.g. alignment)."""
    if not enabled:
        yield
        return
    with _progress_console().status(label):
        yield


def _progress_console() -> Any:
    from rich.console import Console

    # Forced on: bars were asked for (--progress, or stderr is a terminal).
    return Console(stderr=True, force_terminal=True)


@contextmanager
def _closing(iterator: Any) -> Iterator[Any]:
    """Close a generator when the block ends, however it ends (a worker pool inside stops)."""
    try:
        yield iterator
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


def _write_text_output(output: Path, text: str) -> None:
    """Write a rendered output file atomically (temporary file, then rename); errors exit 2."""
    from framing.writers import write_text_atomic

    with _interruptible(output):
        try:
            write_text_atomic(output, text)
        except FramingError as exc:
            _fail(str(exc))


@contextmanager
def _interruptible(output: Path | None = None, *, partial: str | None = None
                   ) -> Iterator[None]:
    """Turn Ctrl-C into one line on standard error and exit code 130, never a traceback.

    Outputs are written atomically (framing.writers.atomic_path), so an interrupted run leaves
    ``output`` as it was. ``partial`` describes output already streamed (standard output).
    """
    try:
        yield
    except KeyboardInterrupt:
        if partial is not None:
            detail = partial
        elif output is not None:
            detail = f"{output} {'left unchanged' if output.exists() else 'not created'}"
        else:
            detail = "nothing printed"
        typer.echo(f"interrupted; no output written ({detail})" if partial is None else
                   f"interrupted ({detail})", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


class ExplainFormat(StrEnum):
    """Output of ``framing explain``."""

    ansi = "ansi"
    plain = "plain"
    html = "html"
    json = "json"


@app.command("explain")
def explain_command(
    source: Annotated[str, typer.Argument(
        help="A file (any input format) or, if no such file exists, the text itself.",
        show_default=False)],
    entry_id: Annotated[str | None, typer.Option(
        "--entry", "-e",
        help="Which entry of the file: its id, its time (HH:MM) or its position (1 = first). "
        "Default: the first entry.")] = None,
    fmt: Annotated[ExplainFormat, typer.Option(
        "--format", "-f", help="ansi (colours; plain markers when not a terminal), plain, "
        "html or json.")] = ExplainFormat.ansi,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write to a file.")] = None,
    lexicon: LexiconOpt = None,
    no_default_lexicons: NoDefaultLexiconsOpt = False,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    encoding: EncodingOpt = "utf-8",
) -> None:
    """Show one entry with its terms, voices, attributions and cues highlighted."""
    from framing.analysis.analyze import score
    from framing.analysis.explain import explain_html, explain_legend, explain_plain, explain_rich
    from framing.model import Entry, SourceRef

    options = _read_options(outlet, date, tz, OnError.fail, encoding)
    try:
        analyzer = _analyzer(lexicon, no_default_lexicons)
        if Path(source).exists():
            entries = list(framing.iter_entries([source], options=options))
            chosen = _choose_entry(entries, entry_id, source)
            # Score the file up to the chosen entry, so feed-level speaker memory applies.
            record = list(score(entries[: entries.index(chosen) + 1], analyzer))[-1]
        else:
            entry = Entry(id="text:1", outlet=outlet or "text", published=None, time=None,
                          kind="entry", title="", text=framing.text.normalize_text(source),
                          url=None, source=SourceRef("<argument>"))
            record = next(iter(score([entry], analyzer)))
    except FramingError as exc:
        _fail(str(exc))
    if fmt is ExplainFormat.json:
        rendered = json.dumps(record.to_dict(), ensure_ascii=False, indent=2)
    elif fmt is ExplainFormat.html:
        rendered = explain_html(record)
    elif fmt is ExplainFormat.ansi and output is None and sys.stdout.isatty():
        from rich.console import Console

        console = Console()
        console.print(f"[bold]{record.outlet}[/bold] {record.id} {record.published or ''}")
        console.print(explain_rich(record))
        for line in explain_legend(record):
            console.print(line, style="dim")
        _print_attributions(record)
        return
    else:
        rendered = "\n".join([f"{record.outlet} {record.id} {record.published or ''}".strip(),
                               "", explain_plain(record), "", *explain_legend(record),
                               *_attribution_lines(record)])
    if output is not None:
        _write_text_output(output, rendered + "\n")
        typer.echo(f"wrote {output}", err=True)
    else:
        typer.echo(rendered)


def _choose_entry(entries: list[Any], wanted: str | None, source: str) -> Any:
    if not entries:
        _fail(f"{source}: no entries")
    if wanted is None:
        return next((e for e in entries if e.kind == "entry"), entries[0])
    for entry in entries:
        if wanted in (entry.id, entry.time):
            return entry
    if wanted.isdigit() and 1 <= int(wanted) <= len(entries):
        return entries[int(wanted) - 1]
    _fail(f"{source}: no entry with id, time or position {wanted!r}")


def _attribution_lines(record: Any) -> list[str]:
    lines = ["", "attributions:"] if record.attributions else []
    for a in record.attributions:
        lines.append(f"  {a.kind}: {a.speaker or '(no speaker)'} → {a.actor or '?'} "
                     f"[{a.side or 'side unknown'}] verb={a.verb or '-'} "
                     f"stance={a.stance or '-'}{' anonymous' if a.anonymous else ''}")
    return lines


def _print_attributions(record: Any) -> None:
    for line in _attribution_lines(record):
        typer.echo(line)


# --- compare (framing compare) -------------------------------------------------------------

_SUFFIX_FORMATS = {".md": "github", ".tex": "latex_booktabs", ".csv": "csv", ".tsv": "tsv",
                   ".json": "json", ".html": "html", ".txt": "simple"}


def _output_format(fmt: str | None, output: Path | None) -> str:
    if fmt is not None:
        return fmt
    if output is not None:
        inferred = _SUFFIX_FORMATS.get(output.suffix.lower())
        if inferred is None:
            _fail(f"{output}: cannot infer the table format from {output.suffix or 'no suffix'!r}"
                  f"; use one of {', '.join(_SUFFIX_FORMATS)} or pass --format")
        return inferred
    return "simple"


def _latex_float(table: str, caption: str | None, label: str | None) -> str:
    """Wrap a tabular in a table float with caption and label, as papers need."""
    lines = ["\\begin{table}[htbp]", "\\centering"]
    if caption:
        lines.append(f"\\caption{{{caption}}}")
    if label:
        lines.append(f"\\label{{{label}}}")
    lines += [table, "\\end{table}"]
    return "\n".join(lines)


@app.command("compare")
def compare_command(
    paths: PathsArg,
    by: Annotated[str, typer.Option("--by", help="Group by outlet, event, day or "
                                    "outlet,event.")] = "outlet",
    side: Annotated[list[str] | None, typer.Option(
        "--side", help="Sides to report per-side metrics for (repeatable; default: the two "
        "most present in the corpus).", show_default=False)] = None,
    pairwise: Annotated[bool, typer.Option("--pairwise",
                                           help="Also print every pair of groups.")] = False,
    bootstrap: Annotated[int, typer.Option("--bootstrap", min=100,
                                           help="Bootstrap resamples.")] = 2000,
    permutations: Annotated[int, typer.Option("--permutations", min=100,
                                              help="Permutations per test.")] = 5000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of all resampling.")] = 20201017,
    correction: Annotated[str, typer.Option(
        "--correction", help="Multiple-comparison correction: holm or bh.")] = "holm",
    window: Annotated[str, typer.Option("--window", help="Event alignment window (with "
                                        "--by event).")] = "36h",
    exclude_copies: Annotated[bool, typer.Option(
        "--exclude-copies", help="Leave out near-copies of another outlet's text (wire copy)."
    )] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="Table format (default: from -o's suffix, else simple): json, "
        "csv, tsv or any tabulate format.", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the table here "
                                                "(.md, .tex, .csv, .json, .html, .txt).")] = None,
    caption: Annotated[str | None, typer.Option("--caption", help="LaTeX caption.")] = None,
    label: Annotated[str | None, typer.Option("--label", help="LaTeX label.")] = None,
    lexicon: LexiconOpt = None,
    no_default_lexicons: NoDefaultLexiconsOpt = False,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
    progress: ProgressOpt = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes that read and score shards of the input "
        "(the table is identical).")] = 1,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
) -> None:
    """Compare outlets (or events, days) on every measure, with intervals and tests."""
    from framing.analysis.analyze import score
    from framing.compare import (
        choose_sides,
        compare_scores,
        comparison_footnote,
        comparison_rows,
        pair_rows,
        side_by_side,
        side_by_side_rows,
    )

    table_format = _output_format(fmt, output)
    options = _read_options(outlet, date, tz, on_error, encoding)
    show = _show_progress(progress)
    with _interruptible(output):
        try:
            check_format(table_format)
            analyzer = _analyzer(lexicon, no_default_lexicons)
            if _use_dask(engine, scheduler):
                stream, records, events, comparison = _compare_on_dask(
                    paths, options, analyzer, by=by, side=side, window=window,
                    exclude_copies=exclude_copies, n_boot=bootstrap, n_perm=permutations,
                    seed=seed, correction=correction, scheduler=scheduler)
            elif jobs > 1:
                stream, records, events, comparison = _compare_sharded(
                    paths, options, analyzer, by=by, side=side, window=window,
                    exclude_copies=exclude_copies, jobs=jobs,
                    keep_records=by == "event" and table_format not in ("json", "csv", "tsv"),
                    finish={"n_boot": bootstrap, "n_perm": permutations, "seed": seed,
                            "correction": correction})
            elif "event" not in by and not exclude_copies:
                # Records stream into the accumulator and none is kept (constant memory for
                # large groups); without --side it keeps every side's counts and chooses the
                # two most present at the end.
                stream = framing.iter_entries(paths, options=options)
                events, records = None, []
                comparison = _compare_streaming(
                    stream, analyzer, by=by, sides=tuple(side) if side else None, show=show,
                    finish={"n_boot": bootstrap, "n_perm": permutations, "seed": seed,
                            "correction": correction})
            else:
                stream = framing.iter_entries(paths, options=options)
                entries = list(_read_with_progress(stream, show))
                events = None
                if "event" in by or exclude_copies:
                    with _phase("aligning events", show):
                        events, copies = _align(entries, window)
                    if exclude_copies:
                        entries = [e for e in entries if copies.get(e.id) is None]
                records = list(_with_progress(score(entries, analyzer), "scoring",
                                              total=len(entries), enabled=show))
                sides = tuple(side) if side else choose_sides(records)
                with _phase("comparing (bootstrap, permutation tests)", show):
                    comparison = compare_scores(records, by=by, sides=sides, events=events,
                                                n_boot=bootstrap, n_perm=permutations,
                                                seed=seed, correction=correction)
        except FramingError as exc:
            _fail(str(exc))
    if table_format == "json":
        rendered = json.dumps({"by": comparison.by, "groups": list(comparison.groups),
                               "cells": comparison.to_records(),
                               "tests": [t.__dict__ for t in comparison.tests],
                               "pairs": [p.__dict__ for p in comparison.pairs],
                               "correction": comparison.correction, "seed": seed,
                               "n_boot": bootstrap, "n_entries": comparison.n_entries},
                              indent=2, ensure_ascii=False)
    elif table_format in ("csv", "tsv"):
        rendered = render_table(comparison.to_records(), table_format)
    else:
        rendered = render_table(comparison_rows(comparison), table_format, numparse=False)
        if by == "event" and events is not None:
            for view in side_by_side(records, events):
                rendered += (f"\n\nEvent {view.event_id}, side by side\n"
                             + render_table(side_by_side_rows(view), table_format))
        if pairwise:
            rendered += "\n\n" + render_table(pair_rows(comparison), table_format)
        if table_format.startswith("latex"):
            rendered += "\n% " + comparison_footnote(comparison)
            if caption or label:
                rendered = _latex_float(rendered, caption, label)
        else:
            rendered += "\n" + comparison_footnote(comparison)
    if output is not None:
        _write_text_output(output, rendered + "\n")
        typer.echo(f"wrote {output}", err=True)
    else:
        typer.echo(rendered)
    _report_skipped(stream.skipped)


def _compare_streaming(stream: Any, analyzer: Any, *, by: str, sides: tuple[str, ...] | None,
                       show: bool, finish: dict[str, Any]) -> Any:
    """Score a stream into a CompareAccumulator, keeping no record; finish the comparison.

    ``sides=None``: a WideCompareAccumulator, which chooses the two sides most present at the
    end (the table of ``choose_sides`` over the records).
    """
    from framing.analysis.analyze import score
    from framing.compare import CompareAccumulator, WideCompareAccumulator

    accumulator: CompareAccumulator | WideCompareAccumulator = (
        WideCompareAccumulator(by=by) if sides is None else CompareAccumulator(by=by, sides=sides))
    tracker = _input_progress(stream, show)
    entries = tracker.reading(stream) if tracker is not None else stream
    with _closing(_with_progress(score(entries, analyzer), "scoring", tracker=tracker,
                                 enabled=tracker is not None)) as records:
        for record in records:
            accumulator.add(record)
    with _phase("comparing (bootstrap, permutation tests)", show):
        return accumulator.finish(**finish)


def _compare_sharded(paths: list[str], options: ReadOptions, analyzer: Any, *, by: str,
                     side: list[str] | None, window: str, exclude_copies: bool, jobs: int,
                     keep_records: bool, finish: dict[str, Any]) -> tuple[Any, Any, Any, Any]:
    """``framing compare --jobs N``: workers score shards; accumulators merge in order.

    Each shard returns a filled :class:`~framing.compare.CompareAccumulator` (with ``--side``)
    or :class:`~framing.compare.WideCompareAccumulator` (without: the sides are chosen after
    the merge, as without ``--jobs``); only when the event views need the records do shards
    return their records. Event alignment needs every entry, so it runs here first.
    """
    from functools import partial

    from framing.compare import (
        CompareAccumulator,
        WideCompareAccumulator,
        choose_sides,
        compare_scores,
    )
    from framing.parallel import AccumulatorSink, ShardJob, ShardRunner

    events = None
    skip_ids: frozenset[str] = frozenset()
    if "event" in by or exclude_copies:
        entries = list(framing.iter_entries(paths, options=options))
        events, copies = _align(entries, window)
        del entries
        if exclude_copies:
            skip_ids = frozenset(i for i, origin in copies.items() if origin is not None)
    if not keep_records:
        sides = tuple(side) if side else None
        job = ShardJob(analyzer.lexicons, options, output="custom", skip_ids=skip_ids,
                       make_sink=partial(AccumulatorSink, by, sides, events))
        runner = ShardRunner(paths, job, jobs=jobs)
        accumulator: CompareAccumulator | WideCompareAccumulator = (
            WideCompareAccumulator(by=by, events=events) if sides is None
            else CompareAccumulator(by=by, sides=sides, events=events))
        for result in runner:
            accumulator.update(result.payload)
        return runner, [], events, accumulator.finish(**finish)
    runner = ShardRunner(paths, ShardJob(analyzer.lexicons, options, skip_ids=skip_ids),
                         jobs=jobs)
    records = [record for result in runner for record in result.payload]
    sides = tuple(side) if side else choose_sides(records)
    return runner, records, events, compare_scores(records, by=by, sides=sides, events=events,
                                                   **finish)


def _align(entries: list[Any], window: str) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """Event id and copy origin of every entry (event alignment)."""
    from framing.events import align_events, parse_window

    alignment = align_events(entries, window=parse_window(window))
    return ({e.entry_id: e.event_id for e in alignment.entries},
            {e.entry_id: e.copy_of for e in alignment.entries})


# --- keyness (framing keyness) -------------------------------------------------------------


@app.command("keyness")
def keyness_command(
    paths: PathsArg,
    target: Annotated[str, typer.Option("--target", help="The group to characterise (e.g. an "
                                        "outlet name).", show_default=False)],
    reference: Annotated[str, typer.Option(
        "--reference", help="Another group, or 'rest' for all other groups.")] = "rest",
    group: Annotated[str, typer.Option("--group", help="Group by outlet or day.")] = "outlet",
    authorial_only: Annotated[bool, typer.Option(
        "--authorial-only", help="Count only words in the outlet's own voice.")] = False,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Minimum occurrences "
                                           "in both groups together.")] = 2,
    top: Annotated[int, typer.Option("--top", min=1, help="Rows to show for each "
                                     "side.")] = 20,
    stop_words: Annotated[bool, typer.Option("--stop-words/--keep-stop-words",
                                             help="Leave out English stop words.")] = True,
    fmt: FormatOpt = "simple",
    lexicon: LexiconOpt = None,
    no_default_lexicons: NoDefaultLexiconsOpt = False,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
) -> None:
    """Words that characterise one outlet against another or the rest (log-odds, z-scores)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from framing.analysis.analyze import score
    from framing.keyness import keyness

    options = _read_options(outlet, date, tz, on_error, encoding)
    try:
        check_format(fmt)
        analyzer = _analyzer(lexicon, no_default_lexicons)
        stream = framing.iter_entries(paths, options=options)
        records = list(score(stream, analyzer, readability=False, tone=False))
        result = keyness(records, target=target, reference=reference, group=group,
                         authorial_only=authorial_only, min_count=min_count,
                         stop_words=frozenset(ENGLISH_STOP_WORDS) if stop_words else frozenset())
    except FramingError as exc:
        _fail(str(exc))
    rows = list(result.rows[:top]) + [r for r in result.rows[-top:] if r not in result.rows[:top]]
    table = [{"term": r.term, "z": round(r.z, 2), "log-odds": round(r.log_odds, 3),
              f"n {result.target}": r.count_target, f"n {result.reference}": r.count_reference,
              "per 1k (target)": round(r.rate_target, 2),
              "per 1k (reference)": round(r.rate_reference, 2)} for r in rows]
    typer.echo(render_table(table, fmt))
    if fmt not in ("json", "csv", "tsv"):
        scope = ", own voice only" if authorial_only else ""
        typer.echo(f"{result.target} ({result.n_tokens_target} words) vs {result.reference} "
                   f"({result.n_tokens_reference} words){scope}"
                   "; log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & "
                   "Quinn 2008); z > 1.96: characteristic of the target, z < -1.96: of the "
                   "reference.")
    _report_skipped(stream.skipped)


# --- events (framing events) ----------------------------------------------------------------


@app.command("events")
def events_command(
    paths: PathsArg,
    window: Annotated[str, typer.Option(
        "--window",
        help="Time window: entries further apart are never grouped and no event spans more "
        "(e.g. 36h, 90m, 2d, 1d12h).")] = "36h",
    min_similarity: Annotated[float | None, typer.Option(
        "--min-similarity",
        help="Threshold (0-1] on the mean time-weighted similarity for grouping; higher gives "
        "smaller, surer events. Default: the library's (0.09, chosen on BASIL).",
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o",
        help="Also write every entry's normalised record plus event_id and copy_of (.jsonl).",
    )] = None,
    multi_outlet: Annotated[bool, typer.Option(
        "--multi-outlet", help="List only events covered by at least two outlets.")] = False,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
    fmt: FormatOpt = "simple",
    progress: ProgressOpt = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes for candidate pairs and MinHash "
        "signatures (the events are identical).")] = 1,
) -> None:
    """Group entries of different outlets that report the same event; mark wire copies."""
    from framing.events import align_events, event_rows, parse_duration
    from framing.model import Corpus
    from framing.tables import check_format
    from framing.writers import atomic_path

    options = _read_options(outlet, date, tz, on_error, encoding)
    show = _show_progress(progress)
    with _interruptible(output):
        try:
            check_format(fmt)
            span = parse_duration(window, option="--window")
            if output is not None and output.suffix.lower() != ".jsonl":
                _fail(f"the `--output` option must name a .jsonl file; got {str(output)!r}")
            stream = framing.iter_entries(paths, options=options)
            corpus = Corpus(_read_with_progress(stream, show))
            skipped = stream.skipped
            kwargs: dict[str, Any] = {"window": span}
            if min_similarity is not None:
                if not 0.0 < min_similarity <= 1.0:
                    _fail("the `--min-similarity` option must be in (0, 1]; got "
                          f"{min_similarity:g}")
                kwargs["min_similarity"] = min_similarity
            with _phase(f"aligning {len(corpus):,} entries into events", show):
                alignment = align_events(corpus, jobs=jobs, **kwargs)
            if output is not None:
                with atomic_path(output) as tmp, tmp.open("w", encoding="utf-8") as handle:
                    for entry, record in zip(corpus, alignment.entries, strict=True):
                        row = entry.to_dict()
                        row["event_id"] = record.event_id
                        row["copy_of"] = record.copy_of
                        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        except FramingError as exc:
            _fail(str(exc))
        except OSError as exc:
            _fail(f"cannot write {output}: {exc.strerror or exc}")
    text_format = fmt not in ("json", "csv", "tsv")
    rows = event_rows(alignment, max_headline=70 if text_format else None,
                      multi_outlet_only=multi_outlet)
    if rows or not text_format:
        typer.echo(render_table(rows, fmt))
    n_undated = sum(1 for r in alignment.entries if r.undated and r.event_id is not None)
    typer.echo(f"aligned {alignment.n_aligned} of {len(corpus)} entries into "
               f"{alignment.n_events} events ({alignment.n_multi_outlet} multi-outlet); "
               f"copies of another outlet: {alignment.n_copies}; undated entries aligned by "
               f"text alone: {n_undated}" + (f"; wrote {output}" if output else ""), err=True)
    _report_skipped(skipped)


# --- end of events (framing events) ---------------------------------------------------------


# --- classify (framing classify …) ----------------------------------------------------------

classify_app = typer.Typer(
    help="Classifiers: learn coded labels from text, predict them, measure outlet separability.",
    no_args_is_help=True,
)
app.add_typer(classify_app, name="classify")


class ClassifyModel(StrEnum):
    """Model kinds of ``framing classify train``."""

    logreg = "logreg"
    linear_svm = "linear-svm"
    nb = "nb"


class ClassifyUnit(StrEnum):
    """Units of ``framing classify train``."""

    entry = "entry"
    sentence = "sentence"


LabelOpt = Annotated[str, typer.Option("--label", help="Column holding the coded labels.")]
TextColumnOpt = Annotated[str, typer.Option("--text-column", help="Column holding the text.")]
FoldsOpt = Annotated[int, typer.Option("--folds", min=2, help="Cross-validation folds.")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Random seed (folds and models).")]


def _print_report(record: dict[str, Any], fmt: str, title: str) -> None:
    """Print a training/evaluation report as tables, or as one JSON object."""
    if fmt == "json":
        typer.echo(json.dumps(record, indent=2, ensure_ascii=False))
        return
    baseline = record["baseline"]
    typer.echo(f"{title}: n={record['n_samples']}  accuracy={record['accuracy']:.3f}  "
               f"macro-F1={record['macro_f1']:.3f}  (majority baseline "
               f"'{baseline['label']}': accuracy={baseline['accuracy']:.3f}, "
               f"macro-F1={baseline['macro_f1']:.3f})")
    typer.echo(render_table(record["per_class"], fmt))
    labels = record["labels"]
    matrix = [{"true \\ predicted": label, **dict(zip(labels, row, strict=True))}
              for label, row in zip(labels, record["confusion_matrix"], strict=True)]
    typer.echo("\nconfusion matrix")
    typer.echo(render_table(matrix, fmt))
    if record.get("top_features"):
        typer.echo("\nmost informative features")
        rows = [{"label": label, "features": ", ".join(name for name, _ in features[:6])}
                for label, features in record["top_features"].items()]
        typer.echo(render_table(rows, fmt, numparse=False))


@classify_app.command("train")
def classify_train(
    data: Annotated[Path, typer.Argument(help="Coded texts: .csv or .jsonl.")],
    label: LabelOpt,
    output: Annotated[Path, typer.Option("--output", "-o", help="Model file to write (.skops).")],
    text_column: TextColumnOpt = "text",
    group_column: Annotated[str | None, typer.Option(
        "--group-column", help="Column of groups (e.g. event): a group never sits in both "
        "train and test of a fold.")] = None,
    unit: Annotated[ClassifyUnit, typer.Option(
        "--unit", help="'sentence' splits each text into sentences that keep its label.")] =
        ClassifyUnit.entry,
    model: Annotated[ClassifyModel, typer.Option("--model", help="Classifier.")] =
        ClassifyModel.logreg,
    folds: FoldsOpt = 5,
    seed: SeedOpt = 13,
    fmt: FormatOpt = "simple",
) -> None:
    """Cross-validate a classifier on coded texts, print the report and save the model."""
    from framing.classify.data import check_labels, read_coded
    from framing.classify.persist import ModelMetadata, save_model
    from framing.classify.train import train_classifier

    try:
        check_format(fmt)
        coded = read_coded(data, label_column=label, text_column=text_column,
                           group_column=group_column, unit=unit.value)
        pipeline, report = train_classifier(coded.texts, check_labels(coded.labels),
                                            model=model.value, groups=coded.groups,
                                            n_splits=folds, seed=seed)
        save_model(pipeline, ModelMetadata(
            label_column=label, text_column=text_column, model=model.value, unit=unit.value,
            labels=report.labels, trained=report.trained, cv_macro_f1=report.macro_f1),
            output)
    except FramingError as exc:
        _fail(str(exc))
    title = f"{folds}-fold {'grouped ' if coded.groups else ''}cross-validation ({model.value})"
    _print_report(report.to_dict(), fmt, title)
    typer.echo(f"wrote {output}", err=True)


def _load_model(path: Path) -> tuple[Any, dict[str, Any]]:
    from framing.classify.persist import load_model

    try:
        return load_model(path)
    except FramingError as exc:
        _fail(str(exc))


@classify_app.command("evaluate")
def classify_evaluate(
    model_path: Annotated[Path, typer.Argument(help="A model written by 'classify train'.")],
    data: Annotated[Path, typer.Argument(help="Coded texts: .csv or .jsonl.")],
    label: LabelOpt,
    text_column: TextColumnOpt = "text",
    fmt: FormatOpt = "simple",
) -> None:
    """Score a saved model on coded texts (held-out data)."""
    from framing.classify.data import check_labels, read_coded
    from framing.classify.train import evaluate

    pipeline, metadata = _load_model(model_path)
    try:
        check_format(fmt)
        coded = read_coded(data, label_column=label, text_column=text_column,
                           unit=str(metadata.get("unit", "entry")))
        report = evaluate(pipeline, coded.texts, check_labels(coded.labels))
    except FramingError as exc:
        _fail(str(exc))
    _print_report(report.to_dict(), fmt, f"evaluation on {data}")


@classify_app.command("predict")
def classify_predict(
    model_path: Annotated[Path, typer.Argument(help="A model written by 'classify train'.")],
    paths: PathsArg,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Write the records with predicted_label and probability "
        "(.jsonl or .csv).")],
    text_column: TextColumnOpt = "text",
) -> None:
    """Add the predicted label and its probability to every record.

    .csv and .jsonl inputs are read as tables with the text column (every column kept); other
    inputs (live feeds, HTML, …) are read as corpora and written as normalised entry records.
    """
    from framing.classify.data import read_coded
    from framing.classify.train import predict

    suffix = output.suffix.lower()
    if suffix not in (".jsonl", ".csv"):
        _fail(f"the `--output` option must name a .jsonl or .csv file; got {str(output)!r}")
    pipeline, _ = _load_model(model_path)
    records: list[dict[str, Any]] = []
    texts: list[str] = []
    try:
        for path in paths:
            if Path(path).suffix.lower() in (".csv", ".jsonl"):
                coded = read_coded(path, label_column=None, text_column=text_column)
                records.extend(dict(r) for r in coded.records)
                texts.extend(coded.texts)
            else:
                for entry in read_corpus([path]):
                    records.append(entry.to_dict())
                    texts.append(entry.text)
        predicted, probabilities = predict(pipeline, texts)
    except FramingError as exc:
        _fail(str(exc))
    for record, predicted_label, probability in zip(records, predicted, probabilities,
                                                    strict=True):
        record["predicted_label"] = predicted_label
        record["probability"] = probability
    from framing.writers import atomic_path

    try:
        with atomic_path(output) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
            if suffix == ".jsonl":
                for record in records:
                    handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            else:
                import csv

                columns = list(dict.fromkeys(key for record in records for key in record))
                writer = csv.DictWriter(handle, fieldnames=columns)
                writer.writeheader()
                for record in records:
                    writer.writerow({key: value if isinstance(value, str | int | float) or
                                     value is None else json.dumps(value, default=str)
                                     for key, value in record.items()})
    except FramingError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"predicted {len(records)} record(s); wrote {output}", err=True)


@classify_app.command("outlets")
def classify_outlets(
    paths: PathsArg,
    folds: FoldsOpt = 5,
    seed: SeedOpt = 13,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
    fmt: FormatOpt = "simple",
) -> None:
    """How well can the outlet be predicted from its text (names, datelines, bylines masked)?"""
    from framing.classify.outlets import outlet_separability

    options = _read_options(outlet, date, tz, on_error, encoding)
    try:
        check_format(fmt)
        corpus, skipped = read_corpus(paths, options=options, with_skipped=True)
        report = outlet_separability(list(corpus), n_splits=folds, seed=seed)
    except FramingError as exc:
        _fail(str(exc))
    _print_report(report.to_dict(), fmt,
                  f"outlet prediction, {folds}-fold cross-validation (masked text)")
    _report_skipped(skipped)


detectors_app = typer.Typer(
    help="Sentence detectors (hedged, biased): trained once from your copy of the data into "
    "the cache ($FRAMING_CACHE or ~/.cache/framing); no model ships with framing.",
    no_args_is_help=True,
)
classify_app.add_typer(detectors_app, name="detectors")


@detectors_app.command("train")
def detectors_train(
    name: Annotated[str, typer.Argument(help="Detector: hedged or biased.")],
    data: Annotated[list[Path], typer.Option(
        "--data", help="Training data (repeatable): for 'biased' BABE's final_labels_SG2.csv; "
        "for 'hedged' BioScope .xml files or a WikiWeasel text,label .csv.")],
    folds: Annotated[int, typer.Option(
        "--folds", min=0, help="Cross-validate first with this many folds (0: skip).")] = 0,
    progress: ProgressOpt = None,
) -> None:
    """Train a sentence detector from your copy of its data and save it to the cache."""
    from contextlib import nullcontext

    from framing.classify.detectors import check_detector_name, train_detector

    try:
        check_detector_name(name)
        console = _stderr_console() if _show_progress(progress) else None
        status: Any = console.status(f"training {name}") if console else nullcontext()
        with status:
            def report(message: str) -> None:
                if console is not None:
                    status.update(f"training {name}: {message}")

            path = train_detector(name, data, progress=report,
                                  cv_folds=folds if folds >= 2 else 0)
    except FramingError as exc:
        _fail(str(exc))
    if folds >= 2:
        from framing.classify.persist import load_model

        _model, metadata = load_model(path)
        typer.echo(f"{folds}-fold cross-validated macro-F1: {metadata['cv_macro_f1']:.3f}")
    typer.echo(f"saved detector '{name}' to {path}")


@detectors_app.command("list")
def detectors_list(fmt: FormatOpt = "simple") -> None:
    """List the sentence detectors: trained?, path, training data, date."""
    from framing.classify.detectors import DETECTOR_NAMES, detector_info

    try:
        check_format(fmt)
    except FramingError as exc:
        _fail(str(exc))
    rows = [detector_info(name) for name in DETECTOR_NAMES]
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        row["trained"] = "yes" if row["trained"] else "no"
    typer.echo(render_table(rows, fmt, numparse=False))


# --- end of classify (framing classify …) ---------------------------------------------------


# --- exercise (framing exercise) ------------------------------------------------------------


@app.command("exercise")
def exercise_command(
    paths: PathsArg,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Worksheet file, .html or .md (the suffix picks the format).",
        show_default=False)],
    key: Annotated[Path | None, typer.Option(
        "--key", help="Answer key file (.html or .md). Default: next to the worksheet, "
        "NAME.key.html or NAME.key.md.", show_default=False)] = None,
    event: Annotated[str | None, typer.Option(
        "--event", help="Event id (see 'framing events --multi-outlet'). Default: the "
        "multi-outlet event with the most outlets, then the most loaded terms, then the "
        "earliest.", show_default=False)] = None,
    n_outlets: Annotated[int, typer.Option(
        "--outlets", help="How many outlets to put side by side (2 or 3).")] = 3,
    blind: Annotated[bool, typer.Option(
        "--blind", help="Hide outlet names on the worksheet (Outlet A, B, C); the key "
        "says which is which.")] = False,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the blind letter order.")] =
        20201017,
    reflection: Annotated[bool, typer.Option(
        "--reflection/--no-reflection", help="Add the optional reflection question.")] = True,
    window: Annotated[str, typer.Option("--window", help="Event alignment window.")] = "36h",
    lexicon: LexiconOpt = None,
    no_default_lexicons: NoDefaultLexiconsOpt = False,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
) -> None:
    """Classroom worksheet: one event told by 2-3 outlets, plus a separate answer key."""
    from framing.analysis.analyze import score
    from framing.events import align_events, parse_duration
    from framing.exercise import (
        build_exercise,
        check_event,
        format_for_path,
        key_path_for,
        render_answer_key,
        render_worksheet,
    )
    from framing.writers import atomic_path

    options = _read_options(outlet, date, tz, on_error, encoding)
    key_path = key if key is not None else key_path_for(output)
    try:
        sheet_format, key_format = format_for_path(output), format_for_path(key_path)
        if key_path.resolve() == output.resolve():
            _fail(f"{key_path}: the answer key must not overwrite the worksheet")
        if not 2 <= n_outlets <= 3:
            _fail(f"the `--outlets` option must be 2 or 3; got {n_outlets}")
        span = parse_duration(window, option="--window")
        corpus, skipped = read_corpus(paths, options=options, with_skipped=True)
        alignment = align_events(corpus, window=span)
        check_event(alignment, event)  # fail before the (slower) scoring
        analyzer = _analyzer(lexicon, no_default_lexicons)
        records = list(score(corpus, analyzer, readability=False, tone=False))
        exercise = build_exercise(records, alignment, event_id=event, blind=blind, seed=seed,
                                  max_outlets=n_outlets, reflection=reflection)
        for path, text in ((output, render_worksheet(exercise, sheet_format)),
                           (key_path, render_answer_key(exercise, key_format))):
            with atomic_path(path) as tmp:
                tmp.write_text(text, encoding="utf-8")
    except FramingError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write the exercise: {exc.strerror or exc}")
    shown = ", ".join(f"{p.letter}={p.outlet}" for p in exercise.passages)
    typer.echo(f"event {exercise.event_id} ({shown}); wrote {output} and {key_path}", err=True)
    if blind:
        for passage in exercise.passages:
            if passage.names_outlet:
                typer.echo(f"note: the text of Outlet {passage.letter} names its outlet; "
                           "--blind cannot hide that", err=True)
    _report_skipped(skipped)


# --- end of exercise (framing exercise) -----------------------------------------------------


# --- plot (framing plot) --------------------------------------------------------------------


class PlotKind(StrEnum):
    """Figures of ``framing plot`` (framing.plots.PLOT_KINDS)."""

    profile = "profile"
    voice = "voice"
    stance = "stance"
    naming = "naming"
    timeline = "timeline"


class TimeBin(StrEnum):
    """Time bins of ``framing plot timeline``."""

    auto = "auto"
    hour = "hour"
    day = "day"


@app.command("plot")
def plot_command(
    kind_name: Annotated[str, typer.Argument(
        metavar="KIND", help=f"One of {', '.join(PlotKind)}. profile: every metric per outlet "
        "with 95% intervals (one panel each); voice: share of voice by speaker side, stacked; "
        "stance: distancing-verb share by side; naming: contested-name choice by side; "
        "timeline: loaded terms per hour or day.", show_default=False)],
    paths: PathsArg,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Figure file: .png, .pdf or .svg (PDF/SVG are vector).",
        show_default=False)],
    side: Annotated[list[str] | None, typer.Option(
        "--side", help="Sides to show (repeatable; default: the two most present in the "
        "corpus; naming uses the first two).", show_default=False)] = None,
    metric: Annotated[list[str] | None, typer.Option(
        "--metric", "-m", help="profile: the metrics to show, one panel each (repeatable; "
        "names as in 'framing compare'; default: every metric with an estimate).",
        show_default=False)] = None,
    time_bin: Annotated[TimeBin, typer.Option(
        "--bin", help="timeline: count per hour or per day; auto: per hour when the entries "
        "span at most 72 hours.", case_sensitive=False)] = TimeBin.auto,
    bootstrap: Annotated[int, typer.Option("--bootstrap", min=100,
                                           help="Bootstrap resamples.")] = 2000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of all resampling.")] = 20201017,
    data: Annotated[Path | None, typer.Option(
        "--data", help="Also write the plotted numbers to this .csv file.",
        show_default=False)] = None,
    title: Annotated[str | None, typer.Option(
        "--title", help="Title over the figure (journals usually want none).",
        show_default=False)] = None,
    width: Annotated[float | None, typer.Option(
        "--width", help="Width in inches (default: 6-7, by kind).", show_default=False)] = None,
    height: Annotated[float | None, typer.Option(
        "--height", help="Height in inches (default: fits the panels).",
        show_default=False)] = None,
    dpi: Annotated[float, typer.Option("--dpi", help="Resolution of PNG output.")] = 300.0,
    lexicon: LexiconOpt = None,
    no_default_lexicons: NoDefaultLexiconsOpt = False,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: Annotated[str, typer.Option(
        "--tz", help="Time zone of live-feed times and naive timestamps (IANA name); the "
        "timeline counts hours and days in it.")] = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
    progress: ProgressOpt = None,
) -> None:
    """Draw a journal-ready figure (PNG, PDF or SVG) comparing the outlets."""
    from framing.analysis.analyze import score
    from framing.compare import choose_sides
    from framing.plots import (
        check_data_path,
        check_figure_path,
        check_size,
        plot_comparison,
        plot_data,
        plot_figure,
        save_data,
        save_figure,
    )

    if kind_name.lower() not in list(PlotKind):  # one line, not a usage panel
        _fail(f"the plot kind must be one of {', '.join(PlotKind)}; got {kind_name!r}")
    kind = PlotKind(kind_name.lower())
    try:  # refuse a bad file name or size before the (slow) analysis
        check_figure_path(output)
        check_size(width, height, dpi)
        if data is not None:
            check_data_path(data)
    except FramingError as exc:
        _fail(str(exc))
    options = _read_options(outlet, date, tz, on_error, encoding)
    show = _show_progress(progress)
    with _interruptible(output):
        try:
            analyzer = _analyzer(lexicon, no_default_lexicons)
            stream = framing.iter_entries(paths, options=options)
            entries = list(_read_with_progress(stream, show))
            records = list(_with_progress(score(entries, analyzer), "scoring",
                                          total=len(entries), enabled=show))
            sides = tuple(side) if side else choose_sides(records)
            with _phase("estimating intervals", show):
                comparison = (None if kind is PlotKind.timeline else
                              plot_comparison(records, sides=sides, n_boot=bootstrap, seed=seed))
            settings: dict[str, Any] = {
                "comparison": comparison, "sides": sides, "metrics": metric or None,
                "bin": time_bin.value, "tz": tz, "n_boot": bootstrap, "seed": seed}
            figure = plot_figure(kind.value, records, title=title, width=width, height=height,
                                 **settings)
            save_figure(figure, output, dpi=dpi)
            if data is not None:
                save_data(plot_data(kind.value, records, **settings), data)
        except FramingError as exc:
            _fail(str(exc))
    typer.echo(f"wrote {output}" + (f" and {data}" if data is not None else "")
               + (f" (sides: {', '.join(sides)})" if sides and kind is not PlotKind.timeline
                  else ""), err=True)
    if kind is PlotKind.timeline:
        n_undated = sum(1 for r in records if r.kind == "entry" and not r.published)
        if n_undated:
            typer.echo(f"left out {n_undated} undated entries (give --date for a live feed)",
                       err=True)
    _report_skipped(stream.skipped)


# --- end of plot (framing plot) -------------------------------------------------------------


# --- dask engine (framing score/compare --engine dask) --------------------------------------

EngineOpt = Annotated[str, typer.Option(
    "--engine", help="Where scoring runs: 'local' (this machine; --jobs processes) or 'dask' "
    "(a Dask cluster: --scheduler, or a local one of --jobs workers, at least 2; needs "
    "the 'dask' extra of framing). Results are identical.")]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
    "(implies --engine dask). Workers must see the input and output paths.",
    show_default=False)]


def _use_dask(engine: str, scheduler: str | None) -> bool:
    """Whether the dask engine runs (``--scheduler`` implies it)."""
    from framing.engines import Engine

    choices = [choice.value for choice in Engine]
    if engine not in choices:
        _fail(f"the `--engine` option must be one of {', '.join(map(repr, choices))}; "
              f"got {engine!r}")
    return engine == Engine.dask or scheduler is not None


def _dask_engine() -> Any:
    from framing.engines import load_dask

    try:
        return load_dask()
    except FramingError as exc:
        _fail(str(exc))


def _dask_workers(jobs: int) -> int:
    return jobs if jobs > 1 else 2


def _score_on_dask(paths: list[str], output: Path | None, options: Any,
                   lexicon: list[str] | None, no_default: bool, *, scheduler: str | None,
                   jobs: int) -> None:
    """``framing score --engine dask``: stdout, one file, or a directory of part files."""
    from framing.analysis.output import check_score_output, write_scores

    engine = _dask_engine()
    partitioned = output is not None and (output.is_dir() or not output.suffix)
    try:
        engine.check_paths(paths)
        analyzer = _analyzer(lexicon, no_default)
        if output is not None:
            (engine.check_partitioned_output if partitioned else check_score_output)(output)
        with engine.connect(scheduler, n_workers=_dask_workers(jobs)) as client:
            if partitioned:
                written = engine.write_partitioned(client, paths, analyzer.lexicons, output,
                                                   sides=analyzer.sides, options=options)
                n_scored, skipped = written.n_scored, list(written.skipped)
            else:
                stream = engine.score_on_dask(client, paths, analyzer.lexicons,
                                              options=options)
                if output is None:
                    for record in stream:
                        typer.echo(json.dumps(record.to_dict(), ensure_ascii=False))
                else:
                    write_scores(stream, output, sides=analyzer.sides)
                n_scored, skipped = stream.n_scored, stream.skipped
    except FramingError as exc:
        _fail(str(exc))
    typer.echo(f"read {n_scored + len(skipped)} record(s): scored {n_scored}, skipped "
               f"{len(skipped)}" + (f"; wrote {output}" if output else ""), err=True)
    _report_skipped(skipped)


def _compare_on_dask(paths: list[str], options: Any, analyzer: Any, *, by: str,
                     side: list[str] | None, window: str, exclude_copies: bool, n_boot: int,
                     n_perm: int, seed: int, correction: str, scheduler: str | None
                     ) -> tuple[Any, list[Any], dict[str, str | None] | None, Any]:
    """``framing compare --engine dask``: (skipped holder, records, events, comparison).

    Event alignment needs the whole corpus, so with ``--by event`` or ``--exclude-copies`` the
    client reads the entries and aligns them first; the workers then leave the copies out. By
    outlet or day, each partition fills a comparison accumulator and only those travel back;
    by event the records come back too (the side-by-side tables are built from them).
    """
    from types import SimpleNamespace

    from framing.compare import choose_sides, compare_scores

    engine = _dask_engine()
    engine.check_paths(paths)
    events: dict[str, str | None] | None = None
    exclude: frozenset[str] = frozenset()
    if "event" in by or exclude_copies:
        entries = list(framing.iter_entries(paths, options=options))
        events, copies = _align(entries, window)
        if exclude_copies:
            exclude = frozenset(e.id for e in entries if copies.get(e.id) is not None)
    with engine.connect(scheduler) as client:
        if "event" in by:
            stream = engine.score_on_dask(client, paths, analyzer.lexicons, options=options,
                                          exclude=exclude)
            records = list(stream)
            comparison = compare_scores(
                records, by=by, sides=tuple(side) if side else choose_sides(records),
                events=events, n_boot=n_boot, n_perm=n_perm, seed=seed, correction=correction)
            return stream, records, events, comparison
        parts = engine.compare_on_dask(client, paths, analyzer.lexicons, by=by,
                                       sides=tuple(side) if side else None, exclude=exclude,
                                       options=options)
    comparison = parts.accumulator.finish(n_boot=n_boot, n_perm=n_perm, seed=seed,
                                          correction=correction)
    return SimpleNamespace(skipped=list(parts.skipped)), [], events, comparison


# --- end of dask engine ---------------------------------------------------------------------


# --- agreement (framing agreement) ----------------------------------------------------------


class AgreementLevel(StrEnum):
    """Levels of measurement of Krippendorff's alpha (`auto`: nominal, plus numeric ones)."""

    auto = "auto"
    nominal = "nominal"
    ordinal = "ordinal"
    interval = "interval"
    ratio = "ratio"


_AGREEMENT_HEADERS = {"measure": "measure", "level": "level", "coders": "coders",
                      "category": "category", "value": "value", "ci_low": "CI low",
                      "ci_high": "CI high", "n_items": "n items",
                      "n_values": "n pairable values"}


def _agreement_table(rows: list[Any], fmt: str, with_category: bool) -> str:
    machine = fmt in ("json", "csv", "tsv")
    table = []
    for row in rows:
        record = row.to_dict()
        if not with_category:
            record.pop("category")
        if machine:  # full precision for machines; text formats round through floatfmt
            record = {k: round(v, 6) if isinstance(v, float) else v for k, v in record.items()}
        table.append({_AGREEMENT_HEADERS[k]: v for k, v in record.items()})
    return render_table(table, fmt, floatfmt=".3f")


@app.command("agreement")
def agreement_command(
    codes: Annotated[Path, typer.Argument(
        help="Coded data: long CSV/TSV/JSONL, one row per coder x item (item, coder, label "
        "columns), or wide CSV/TSV with --wide. Empty cells, null and NA are missing codes.",
        show_default=False)],
    coder_column: Annotated[str, typer.Option("--coder-column",
                                              help="Column naming the coder.")] = "coder",
    item_column: Annotated[str, typer.Option("--item-column",
                                             help="Column naming the item.")] = "item",
    label_column: Annotated[str, typer.Option("--label-column",
                                              help="Column holding the code.")] = "label",
    wide: Annotated[bool, typer.Option(
        "--wide", help="One row per item, one column per coder (CSV/TSV).")] = False,
    level: Annotated[AgreementLevel, typer.Option(
        "--level", case_sensitive=False,
        help="Level of Krippendorff's alpha; 'auto' gives nominal, plus ordinal and interval "
        "when every label is a number.")] = AgreementLevel.auto,
    bootstrap: Annotated[int, typer.Option(
        "--bootstrap", min=0, help="Bootstrap resamples of items for the intervals (0: none).")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the bootstrap.")
                    ] = 20201017,
    confidence: Annotated[float, typer.Option(
        "--confidence", min=0.5, max=0.999, help="Confidence level of the intervals.")] = 0.95,
    against_tool: Annotated[Path | None, typer.Option(
        "--against-tool", help="A tool's codes for the same items (CSV/TSV/JSONL with the item "
        "and label columns): precision/recall/F1 against the human majority, and alpha with "
        "the tool as one more coder.", show_default=False)] = None,
    tool_coder: Annotated[str | None, typer.Option(
        "--tool-coder", help="The coder in CODES who is the tool (instead of --against-tool).",
        show_default=False)] = None,
    fmt: FormatOpt = "simple",
    encoding: EncodingOpt = "utf-8",
) -> None:
    """Inter-coder agreement: Krippendorff's alpha, Fleiss' and Cohen's kappa, % agreement."""
    from framing.agreement import (
        BootstrapOptions,
        CodeColumns,
        assess_agreement,
        compare_tool,
        read_codes,
        read_tool_codes,
    )

    if against_tool is not None and tool_coder is not None:
        _fail("give either --against-tool or --tool-coder, not both")
    try:
        check_format(fmt)
        options = BootstrapOptions(n_boot=bootstrap, seed=seed, confidence=confidence)
        columns = CodeColumns(item=item_column, label=label_column, coder=coder_column)
        table = read_codes(codes, columns=columns, wide=wide, encoding=encoding)
        tool: dict[str, str] | None = None
        tool_name = "tool"
        if tool_coder is not None:
            if tool_coder not in table.coders:
                _fail(f"{codes}: --tool-coder {tool_coder!r} is not a coder; coders: "
                      f"{', '.join(table.coders)}")
            tool, tool_name = table.column(tool_coder), tool_coder
            table = table.without_coder(tool_coder)
        elif against_tool is not None:
            tool = read_tool_codes(against_tool, item_column=item_column,
                                   label_column=label_column, encoding=encoding)
            tool_name = against_tool.stem
        report = assess_agreement(table, level=level.value, options=options)
        comparison = None if tool is None else compare_tool(
            table, tool, tool_name=tool_name, level=level.value, options=options)
    except FramingError as exc:
        _fail(str(exc))
    rows = list(report.rows) + (list(comparison.rows) if comparison else [])
    typer.echo(_agreement_table(rows, fmt, with_category=comparison is not None))
    notes = list(report.notes) + (list(comparison.notes) if comparison else [])
    machine = fmt in ("json", "csv", "tsv")
    for note in notes:  # notes go to stderr for machine formats, so stdout stays parseable
        typer.echo(f"note: {note}", err=machine)


# --- end of agreement (framing agreement) ---------------------------------------------------


# --- report (framing report) ----------------------------------------------------------------


def _report_figures(records: list[Any], comparison: Any, sides: tuple[str, ...]) -> dict[str, str]:
    """Inline SVG figures for the report (every plot kind that has data)."""
    from framing.plots import figure_svgs

    return dict(figure_svgs(records, comparison, sides))


@app.command("report")
def report_command(
    paths: PathsArg,
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The report to write (.html): one self-contained page.",
        show_default=False)],
    title: Annotated[str, typer.Option("--title", help="Title of the page.")] =
        "framing report",
    window: Annotated[str, typer.Option(
        "--window", help="Event alignment window (e.g. 36h, 90m, 2d); events covered by two "
        "or more outlets are shown side by side.")] = "36h",
    side: Annotated[list[str] | None, typer.Option(
        "--side", help="Sides to compare and colour first (repeatable; default: the two most "
        "present in the corpus).", show_default=False)] = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", min=100,
                                           help="Bootstrap resamples.")] = 2000,
    permutations: Annotated[int, typer.Option("--permutations", min=100,
                                              help="Permutations per test.")] = 5000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of all resampling.")] = 20201017,
    lexicon: LexiconOpt = None,
    no_default_lexicons: NoDefaultLexiconsOpt = False,
    outlet: OutletOpt = None,
    date: DateOpt = None,
    tz: TzOpt = "UTC",
    on_error: OnErrorOpt = OnError.fail,
    encoding: EncodingOpt = "utf-8",
    progress: ProgressOpt = None,
) -> None:
    """Write a self-contained HTML report: outlets compared, figures, events side by side with
    loaded terms, voices, hedges, boosters and scare quotes highlighted, and filters."""
    from framing.analysis.analyze import score
    from framing.compare import choose_sides, compare_scores
    from framing.events import align_events, parse_window
    from framing.report import build_report, check_report_path, write_report

    try:  # refuse a bad file name before the (slow) analysis
        check_report_path(output)
        span = parse_window(window)
    except FramingError as exc:
        _fail(str(exc))
    options = _read_options(outlet, date, tz, on_error, encoding)
    show = _show_progress(progress)
    with _interruptible(output):
        try:
            analyzer = _analyzer(lexicon, no_default_lexicons)
            stream = framing.iter_entries(paths, options=options)
            entries = list(_read_with_progress(stream, show))
            with _phase("aligning events", show):
                alignment = align_events(entries, window=span)
            records = list(_with_progress(score(entries, analyzer), "scoring",
                                          total=len(entries), enabled=show))
            sides = tuple(side) if side else choose_sides(records)
            with _phase("comparing outlets", show):
                comparison = compare_scores(records, sides=sides, n_boot=bootstrap,
                                            n_perm=permutations, seed=seed)
                figures = _report_figures(records, comparison, sides)
            report = build_report(records, comparison=comparison, alignment=alignment,
                                  figures=figures, sides=sides, title=title,
                                  skipped=stream.skipped)
            write_report(report, output)
        except FramingError as exc:
            _fail(str(exc))
    typer.echo(f"wrote {output} ({report.n_entries} entries, {report.n_side_by_side} events "
               "side by side)", err=True)
    _report_skipped(stream.skipped)


# --- end of report (framing report) ---------------------------------------------------------


def main() -> None:
    """Entry point of the ``framing`` console script."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        typer.echo("interrupted", err=True)
        sys.exit(130)
