"""The `briefings` command line: init, check, build, serve, new, draft, pdf, import, places, export, schema."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .core.errors import BriefingsError, display_path
from .core.lock import holding
from .core.signals import stop_as_on_ctrl_c
from .core.writer import Writer, WriterError
from .load.catalogue import TEMPLATE
from .load.files import load
from .load.project import Project, open_project
from .load.project import site_url as project_site_url
from .model.fields import MAX_ID, MAX_ITEMS, SLUG, known_language
from .model.schema import schemas, stale_schemas
from .pipeline.clean import clean
from .pipeline.serve import serve
from .pipeline.stages import check, counts, generate, warn
from .publish.pdf import briefing_jobs, build_pdfs, digest_job, print_progress
from .publish.site import ENGINE_NAMES, ENGINES, SERVE_ENGINES, build_site
from .render import export
from .render.digest import Selection
from .text.words import plural, slugify
from .tools import csvtable, datasets, importer, messages, provenance, split_registry, suggest_places
from .tools.init import init
from .tools.scaffold import briefing_id, scaffold


def _check(args: argparse.Namespace, project: Project) -> int:
    started = time.perf_counter()
    corpus = check(project, drafts=True, strict=args.strict)
    warn(corpus)
    warned = f" ({plural(len(corpus.warnings), 'warning')})" if corpus.warnings else ""
    print(f"OK: {counts(corpus)} checked in {time.perf_counter() - started:.2f} s{warned}")
    return 0


def _build(args: argparse.Namespace, project: Project) -> int:
    started = time.perf_counter()
    corpus = check(project, drafts=args.drafts, strict=args.strict)
    warn(corpus)
    stats, pdf = generate(
        project, corpus, pdfs=not args.no_pdf, full=args.full, engine=args.engine, site_url=args.site_url
    )
    line = (
        f"Done: {counts(corpus)}; files {stats.written} written, {stats.unchanged} unchanged, {stats.removed} removed"
    )
    if pdf is not None:
        line += f"; PDFs {pdf.rendered} rendered, {pdf.cached} up to date ({pdf.seconds:.1f} s)"
    if not args.no_site:
        t = time.perf_counter()
        newest = max((b.date for b in corpus.briefings.values()), default=None)
        site = build_site(
            project,
            strict=args.strict,
            site_url=args.site_url,
            incremental=not args.full,
            date=newest,
            engine=args.engine,
        )
        if site.up_to_date:
            line += "; site/ up to date"
        else:
            line += (
                f"; site built{' (changed pages only)' if site.incremental else ''} in {time.perf_counter() - t:.1f} s"
            )
            done, shards = site.shards
            line += (
                f" ({ENGINE_NAMES[args.engine]} {site.mkdocs_seconds:.1f} s, search index {site.search_seconds:.1f} s"
            )
            line += f", {done} of {shards} shards indexed)" if shards > 1 else ")"
    print(f"{line}; {time.perf_counter() - started:.1f} s in all")
    return 0


def _serve(args: argparse.Namespace, project: Project) -> int:
    host, port = args.dev_addr
    return serve(
        project,
        engine=args.engine,
        host=host,
        port=args.port or port,
        drafts=args.drafts,
        interval=args.interval,
        open_browser=args.open,
    )


def _clean(args: argparse.Namespace, project: Project) -> int:
    removed = clean(project)
    print(f"Removed {', '.join(removed)}" if removed else "Nothing to remove: no build output here")
    return 0


def _completion(args: argparse.Namespace) -> int:
    from argcomplete.shell_integration import shellcode

    print(shellcode(["briefings"], shell=args.shell), end="")
    return 0


def _address(text: str) -> tuple[str, int]:
    """HOST:PORT (or [IPv6]:PORT) for --dev-addr."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536 or not host:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT such as 127.0.0.1:8000, got {text!r}")
    return host.strip("[]"), int(port)


def _new(args: argparse.Namespace, project: Project) -> int:
    date = args.date or dt.date.today()
    bid = args.id or briefing_id(args.title, date)
    if not is_id(bid):
        raise SystemExit(_usage(f"--id must be at most {MAX_ID} lowercase letters, digits and hyphens, got {bid!r}"))
    path = project.briefings / f"{bid}.yaml"
    if path.exists():
        print(f"briefings new: {display_path(path)} exists already; nothing written", file=sys.stderr)
        return 1
    Writer(project.briefings).write_bytes(path.name, scaffold(args.title, date, bid).encode("utf-8"))
    print(f"Created {display_path(path)} (status: draft). Fill it in, then run: briefings check")
    return 0


def _draft(args: argparse.Namespace, project: Project) -> int:
    from .draft.make import make

    if args.id is not None and not is_id(args.id):
        message = f"--id must be at most {MAX_ID} lowercase letters, digits and hyphens, got {args.id!r}"
        raise SystemExit(_usage(message))
    draft = make(project.briefings, args.source, bid=args.id, date=args.date, today=dt.date.today())
    for rel, data in draft.files.items():
        path = project.briefings / rel
        if path.is_symlink() or (path.exists() and not path.is_file()):
            what = "a symbolic link" if path.is_symlink() else "not a file"
            print(f"briefings draft: {display_path(path)} is {what}; nothing written", file=sys.stderr)
            return 1
        if path.exists() and not (rel.startswith("sources/") and path.read_bytes() == data):
            print(
                f"briefings draft: {display_path(path)} exists already; nothing written (choose another --id)",
                file=sys.stderr,
            )
            return 1
    writer = Writer(project.briefings)
    written = [rel for rel, data in draft.files.items() if writer.write_bytes(rel, data)]
    try:
        check(project, drafts=True, publishing=False)
    except BriefingsError as exc:
        ours = [p for p in exc.problems if any(p.path.endswith(rel) for rel in draft.files)]
        if ours:  # a draft that does not pass check is a bug here: take it back
            Writer(project.briefings).remove(written)
            raise BriefingsError(
                ours, outcome="the draft did not pass check, so nothing was kept (a bug: please report it)"
            ) from None
        print(
            f"briefings draft: note: the project has other problems ({len(exc.problems)}); run: briefings check",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps(draft.report, ensure_ascii=False, indent=1))
        return 0
    shown = display_path(project.briefings / f"{draft.bid}.yaml")
    print(f"Drafted {shown} (status: draft), machine-made from {display_path(args.source)}:")
    kept = f" ({MAX_ITEMS} in the briefing: it holds no more)" if draft.attributed > MAX_ITEMS else ""
    print(f"  {draft.quotes:,} quote{'s' * (draft.quotes != 1)}, {draft.attributed:,} with a speaker{kept}")
    proposals = display_path(project.briefings / "actors" / f"drafted-{draft.bid}.yaml")
    print(
        f"  {draft.actors} actor{'s' * (draft.actors != 1)}, {draft.proposed} of them new (proposed in {proposals})"
        if draft.proposed
        else f"  {draft.actors} actor{'s' * (draft.actors != 1)}, all from the registry"
    )
    print(
        f"  {draft.events} candidate event{'s' * (draft.events != 1)}, {draft.places} place{'s' * (draft.places != 1)}"
    )
    print(f"  the article's text is stored in {display_path(project.briefings / 'sources' / f'{draft.bid}.txt')}")
    language = draft.report["article"]["language"]
    if language:
        print(f"  its language: {language} (as {draft.report['article']['language_from']} tell)")
    else:
        print("  its language: not told (Latin letters, or the page does not say): add `language:` to the source")
    print("Check every part (the comments say how each was found), then run: briefings check")
    return 0


def _pdf(args: argparse.Namespace, project: Project) -> int:
    if args.paper:
        project = dataclasses.replace(project, settings=dataclasses.replace(project.settings, paper=args.paper))
    corpus = check(project, drafts=args.drafts or bool(args.ids), publishing=False)
    unknown = [bid for bid in args.ids if bid not in corpus.briefings]
    if unknown:
        return _usage(f"no briefing with id {', '.join(map(repr, unknown))}")
    if args.actor and args.actor not in corpus.actors:
        return _usage(f"no actor with id {args.actor!r} in the published briefings")
    if args.digest:
        selection = Selection(
            since=args.since and args.since.isoformat(),
            until=args.until and args.until.isoformat(),
            topic=args.topic,
            actor=args.actor,
            newest=args.newest,
        )
        if args.ids:
            chosen = {b: corpus.briefings[b] for b in args.ids}
            corpus = dataclasses.replace(corpus, briefings=chosen, views={})  # views of the whole corpus no longer hold
        jobs = [digest_job(project, corpus, selection, name=f"digest-{slugify(selection.describe())}.pdf")]
    else:
        jobs = briefing_jobs(project, corpus, args.ids or list(corpus.briefings))
    _, stats = build_pdfs(jobs, project.pdf_cache, progress=print_progress, prune=False)
    for job in jobs:
        print(display_path(project.pdf_cache / job.name))
    print(f"Done: {len(jobs)} PDFs, {stats.rendered} rendered, {stats.cached} up to date, {stats.seconds:.1f} s")
    return 0


def _export(args: argparse.Namespace, project: Project) -> int:
    corpus = check(project, drafts=args.drafts)
    out = args.out if args.out is not None else project.root / "build" / "export" / args.format
    files = export.files(corpus, args.format, project.settings.publisher, project_site_url(project, args.site_url))
    writer = Writer(out)
    for name, text in files.items():
        writer.write_bytes(name, text.encode("utf-8"))  # (only these files: nothing else in DIR is touched)
    for name in files:
        print(display_path(out / name))
    print(f"Done: {counts(corpus)} as {len(files) - 1} {args.format.upper()} tables and datapackage.json")
    return 0


def _schema(args: argparse.Namespace, project: Project) -> int:
    folder = project.root / "schema"
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"{display_path(folder / name)}: out of date with the model; run: briefings schema", file=sys.stderr)
        return 1 if stale else 0
    stats = Writer(folder).sync(schemas())
    print(f"schema/: {stats.written} written, {stats.unchanged} unchanged")
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _import(args: argparse.Namespace, project: Project) -> int:
    mapping: dict[str, str] = {}
    for item in args.map:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            return _usage(f"--map expects FIELD=COLUMN, got {item!r}")
        mapping[field.strip()] = column.strip()
    name = args.name or slugify(args.file.stem)
    if not is_id(name):
        return _usage(f"--name must be a lowercase id (letters, digits, hyphens), got {name!r}")
    if args.what == "actors" and (args.format != "auto" or args.skip_bad or args.update):
        return _usage("--format, --skip-bad and --update are for tables of events")
    if not args.update:
        importer.check_free(project.briefings, args.what, name)
    inputs = load(project.briefings)
    known = importer.EVENT_COLUMNS if args.what == "events" else importer.ACTOR_COLUMNS
    table = csvtable.read_table(args.file, known, mapping)
    if args.what == "actors":
        output = importer.import_actors(table, inputs, name)
    else:
        dataset = datasets.detect(table.headers) if args.format == "auto" else datasets.DATASETS.get(args.format)
        if dataset is not None:
            if mapping:
                return _usage(f"--map is for your own tables: {display_path(args.file)} is read as {dataset.title}")
            importer.check_columns(table, dataset)
            table.columns = dataset.columns(table.headers)
        inputs, previous = importer.previous(project.briefings, name, inputs) if args.update else (inputs, None)
        output = importer.import_events(table, inputs, name, dataset=dataset, skip_bad=args.skip_bad, previous=previous)
    written = importer.write(project.briefings, output, replace=args.update)
    counts_text = ", ".join(f"{n} {kind}" for kind, n in output.counts.items() if n)
    print(f"Imported {counts_text} from {display_path(args.file)} into:")
    for rel in written:
        print(f"  {display_path(project.briefings / rel)}")
    for line in output.report:
        print(line)
    for problem in output.skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    print("Check them with: briefings check")
    return 0


def _registry(args: argparse.Namespace, project: Project) -> int:
    check(project, drafts=True, publishing=False)  # only a registry that passes check is split
    done = split_registry.split(project.briefings)
    print(f"Wrote {len(done.written)} records, one per file, under {display_path(project.briefings)}/; removed:")
    for path in done.removed:
        print(f"  {path}")
    if done.comments_dropped:
        print("The comments of these files were not carried over: " + ", ".join(done.comments_dropped))
    print("Check them with: briefings check")
    return 0


def _messages(args: argparse.Namespace, project: Project) -> int:
    if args.action == "template":  # (for briefings' own developers: make test checks it)
        if args.check:
            if messages.write_template(check=True):
                return 0
            print(
                f"{display_path(TEMPLATE)}: out of date with the code; run: briefings messages template",
                file=sys.stderr,
            )
            return 1
        messages.write_template()
        print(f"Wrote {display_path(TEMPLATE)}")
        return 0
    if args.action == "init":
        if not args.language:
            return _usage("messages init needs a language, such as: briefings messages init de")
        try:
            known_language(args.language)
        except ValueError as exc:
            return _usage(str(exc))
        path = messages.init(project.root, args.language)
        setting = f'language = "{args.language}"'
        print(f"Wrote {display_path(path)}: translate each msgstr, then set {setting} in briefings.toml")
        return 0
    done = messages.update(project.root)
    if not done:
        print(f"No catalogue in {display_path(project.root / 'locale')}/: start one with: briefings messages init LANG")
    for path, added, dropped in done:
        print(f"{display_path(path)}: {added} new messages to translate, {dropped} no longer used")
    return 0


def _places(args: argparse.Namespace, project: Project) -> int:
    corpus = check(project, drafts=True, publishing=False)  # proposes registry entries; publishes nothing
    text = suggest_places.suggest(corpus)
    if args.output is None:
        print(text, end="")
        return 0
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*\.ya?ml", args.output):
        return _usage(f"--output is a file name in briefings/places/, such as suggested.yaml, got {args.output!r}")
    target = project.briefings / "places" / args.output
    if target.exists() or target.is_symlink():
        return _usage(f"{display_path(target)} already exists")
    Writer(project.briefings).write_bytes(f"places/{args.output}", text.encode("utf-8"))
    print(f"Wrote {display_path(target)}: check every entry before you build")
    return 0


def _init(args: argparse.Namespace) -> int:
    target = Path(os.path.abspath(args.dir))  # (not resolved: a symbolic link is refused, not followed)
    source = provenance.from_option(args.source) if args.source else provenance.current()
    written = init(target, source)
    where = display_path(target)
    print(f"Wrote a new briefing project in {where} ({len(written)} files).")
    print(f"Its requirements.txt installs briefings from {source.described}.")
    if source.warning:
        print(f"warning: {source.warning}", file=sys.stderr)
    print("Next:")
    if args.dir != Path("."):
        print(f"  cd {args.dir}")
    print("  briefings build      # the site and PDFs from the example briefing, into site/")
    print("  briefings serve      # a live preview at http://127.0.0.1:8000/")
    return 0


def is_id(text: str) -> bool:
    """An id a file may be named after: a slug of at most MAX_ID characters (no newline after it)."""
    return len(text) <= MAX_ID and re.fullmatch(SLUG, text) is not None


def _usage(message: str) -> int:
    print(f"briefings: error: {message}", file=sys.stderr)
    return 2


# 108 lines, on purpose: every sub-command and its options in one place, in the order `--help` shows them.
def parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per job."""
    top = argparse.ArgumentParser(
        prog="briefings",
        description="Turn YAML metadata about news articles into a briefing website and PDFs.",
    )
    top.add_argument("-V", "--version", action="version", version=f"briefings {__version__}")
    top.add_argument("-C", "--root", type=Path, default=Path("."), help="project folder (default: current folder)")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace, Project], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(run=run)
        return p

    p = sub.add_parser(
        "init",
        help="Write a new briefing project (site, example, schemas, workflows) into DIR.",
        description=(
            "Write a new briefing project into DIR (default: the current folder): mkdocs.yml, docs/, "
            "briefings/ with an example, schema/, briefings.toml, a Makefile, .github/workflows/ and a README."
        ),
    )
    p.add_argument("dir", nargs="?", type=Path, default=Path("."), metavar="DIR", help="the new project's folder")
    p.add_argument(
        "--from",
        dest="source",
        metavar="SOURCE",
        help="where the project installs briefings from: a wheel or sdist file (copied into vendor/), a version, "
        "a git URL (git+https://...@TAG) or a pip requirement (default: where this copy was installed from)",
    )
    p = command("check", _check, "Validate every file under briefings/ (drafts too); write nothing.")
    p.add_argument("--strict", action="store_true", help="fail on any warning (a near miss such as a misspelt place)")
    p = command("build", _build, "Validate, generate docs/generated/, and build the site into site/.")
    p.add_argument(
        "--strict", action="store_true", help="fail on any warning: near misses, and MkDocs' (broken link, ...)"
    )
    p.add_argument("--drafts", action="store_true", help="publish draft briefings too")
    p.add_argument("--site-url", help="full URL the site is served from, e.g. https://host/pr-preview/pr-7/")
    p.add_argument("--no-site", action="store_true", help="generate the Markdown only; skip the MkDocs build")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDFs (and the links to them)")
    p.add_argument("--full", action="store_true", help="render every page again, not only the changed ones")
    p.add_argument("--engine", choices=ENGINES, default="mkdocs", help="site builder (default: mkdocs)")
    p = command("serve", _serve, "Live preview on 127.0.0.1 that regenerates when a YAML file changes.")
    p.add_argument(
        "-a",
        "--dev-addr",
        type=_address,
        default=("127.0.0.1", 8000),
        metavar="HOST:PORT",
        help="where the preview listens (default: 127.0.0.1:8000; 0.0.0.0:8000 to reach it from outside a container)",
    )
    p.add_argument("--port", type=int, help="the port alone (default: 8000)")
    p.add_argument("--open", action="store_true", help="open the preview in the web browser once it is up")
    # A preview is for the people writing: drafts show (so a `briefings draft` shows as soon as it is written).
    p.add_argument("--drafts", action="store_true", default=True, help=argparse.SUPPRESS)
    p.add_argument("--no-drafts", dest="drafts", action="store_false", help="leave draft briefings out")
    p.add_argument("--engine", choices=SERVE_ENGINES, default="mkdocs", help="site builder (default: mkdocs)")
    p.add_argument("--interval", type=float, default=0.2, help=argparse.SUPPRESS)
    p = command("new", _new, "Write the skeleton of a new draft briefing into briefings/.")
    p.add_argument("title", help="the briefing's title")
    p.add_argument("--date", type=_date, help="the briefing's date, YYYY-MM-DD (default: today)")
    p.add_argument("--id", help="the briefing's id (default: the date and the title's first words)")
    p = command("draft", _draft, "Draft a briefing from an article (a text file or a saved web page).")
    p.add_argument("source", type=Path, metavar="SOURCE", help="the article: a .txt file or a saved .html page")
    p.add_argument("--id", help="the briefing's id (default: the date and the title's first words)")
    p.add_argument("--date", type=_date, help="the briefing's date, YYYY-MM-DD (default: the article's, else today)")
    p.add_argument(
        "--json", action="store_true", help="print what was found as JSON, with offsets into the stored text"
    )
    p = command("pdf", _pdf, "Write briefing PDFs (and digests) into build/pdf/.")
    p.add_argument("ids", nargs="*", metavar="ID", help="briefings to print (default: all published)")
    p.add_argument("--digest", action="store_true", help="one digest PDF of the chosen briefings instead")
    p.add_argument("--since", type=_date, help="digest: briefings on or after this date")
    p.add_argument("--until", type=_date, help="digest: briefings on or before this date")
    p.add_argument("--topic", help="digest: briefings with this topic")
    p.add_argument("--actor", help="digest: briefings in which this actor appears (an actor id)")
    p.add_argument("--newest", type=_positive, metavar="N", help="digest: only the newest N of those")
    p.add_argument("--paper", choices=["A4", "Letter"], help="paper size (default: briefings.toml, else A4)")
    p.add_argument("--drafts", action="store_true", help="allow draft briefings")
    p = command("import", _import, "Turn a CSV table of events or actors into YAML files under briefings/.")
    p.add_argument("what", choices=["events", "actors"], help="what the table holds")
    p.add_argument("file", type=Path, metavar="FILE.csv", help="the table (UTF-8, with a header row)")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="the column of a field when its name is not a usual one (actors=side_a,side_b for several)",
    )
    p.add_argument("--name", help="name of the files to write (default: the table's file name)")
    p.add_argument(
        "--format",
        choices=["auto", "table", *datasets.DATASETS],
        default="auto",
        help="a public data set's CSV as downloaded, or table (your own columns); auto: known by its columns",
    )
    p.add_argument("--skip-bad", action="store_true", help="write the good rows and report the bad ones")
    p.add_argument(
        "--update",
        action="store_true",
        help="update the files an earlier import of this name wrote: events by id replaced or added, the rest kept",
    )
    p = command(
        "registry", _registry, "Write the registries as one record per file (the editor in the browser's layout)."
    )
    p.add_argument(
        "action", choices=["split"], help="split: each actor, event and place of a list into a file of its own"
    )
    p = command("messages", _messages, "Start or update a translation of the site's own words (locale/LANG.po).")
    p.add_argument(
        "action",
        choices=["init", "update", "template"],
        help="init LANG: a new catalogue; update: add the messages a new version of briefings brings; "
        "template: write the template from the code (for briefings' developers)",
    )
    p.add_argument("language", nargs="?", help="with init: a BCP 47 tag such as de, pt-BR")
    p.add_argument("--check", action="store_true", help="with template: only say whether it is up to date")
    p = command("places", _places, "Propose registry entries (coordinates, country) for place names.")
    p.add_argument("action", choices=["suggest"], help="suggest: entries for names the registry lacks")
    p.add_argument("--output", metavar="NAME.yaml", help="write briefings/places/NAME.yaml instead of printing")
    p = command(
        "export", _export, "Write every briefing, actor, event, place and quote as tables, with datapackage.json."
    )
    p.add_argument("--format", choices=export.FORMATS, default="csv", help="csv (default), json or jsonl")
    p.add_argument("--out", type=Path, metavar="DIR", help="folder to write into (default: build/export/FORMAT/)")
    p.add_argument("--drafts", action="store_true", help="include draft briefings")
    p.add_argument("--site-url", help="the site's address, for the pages' links (default: mkdocs.yml's)")
    command("clean", _clean, "Remove what builds make: docs/generated/, site/ and build/ (never briefings/).")
    p = sub.add_parser("completion", help="Print the shell code that completes briefings' commands and options.")
    p.add_argument("shell", choices=["bash", "zsh", "fish", "tcsh"], help="your shell")
    p.set_defaults(run=None)
    p = command("schema", _schema, "Write the JSON Schemas of the YAML files into schema/.")
    p.add_argument("--check", action="store_true", help="only report whether schema/ is up to date")
    return top


# The commands that write docs/generated/, site/ or build/: one at a time in a project.
WRITERS = ("build", "serve", "pdf", "clean")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; problems go to stderr with exit status 1, never a traceback."""
    top = parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (briefings completion SHELL)
        import argcomplete

        argcomplete.autocomplete(top)
    args = top.parse_args(argv)
    stop_as_on_ctrl_c()
    try:
        if args.command == "init":  # there is no project yet
            return _init(args)
        if args.command == "completion":
            return _completion(args)
        project = open_project(args.root)
        if args.command in WRITERS:
            with holding(project.root / "build", args.command):
                result: int = args.run(args, project)
            return result
        result = args.run(args, project)
        return result
    except BriefingsError as exc:
        print(exc, file=sys.stderr)
        n = len(exc.problems)
        print(f"{n} problem{'s' * (n != 1)} found; {exc.outcome}.", file=sys.stderr)
        return 1
    except (OSError, WriterError) as exc:
        print(f"briefings: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly, without a traceback (set BRIEFINGS_DEBUG=1 for one)
        if os.environ.get("BRIEFINGS_DEBUG"):
            raise
        print(
            f"briefings: internal error: {type(exc).__name__}: {exc} (set BRIEFINGS_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 70
