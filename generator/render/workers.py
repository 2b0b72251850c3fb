"""Render the pages pages.py lists: (path, text) pairs made in memory, on forked workers for a big
corpus. What becomes of each part is the caller's `consume` (kept, or handed to the generation's
writer in the worker that made it)."""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import jinja2

from ..link.corpus import Corpus
from . import cms_config, export, feeds
from .pages import CMS, CMS_INDEX, EXPORT, FEED_ATOM, FEED_JSON, Options, PageJob, Prepared, iter_pages, prepare
from .related import related_briefings
from .templating import environment, render

PARALLEL_PAGES = 200  # below this many pages, one process is faster than two
PAGES_PER_BRIEFING = 5  # about how many files a corpus has for each briefing
CHUNK = 500  # pages a render worker hands on at a time


@dataclass(frozen=True, slots=True)
class _Work:
    """What the forked render workers share: the pages as jobs worked out already, or what they
    need to work out each its own part of every page (see iter_pages)."""

    corpus: Corpus
    options: Options
    env: jinja2.Environment
    consume: Callable[[list[tuple[str, str]]], Any]
    jobs: list[PageJob] | None = None
    prepared: Prepared | None = None


_WORK: list[_Work] = []  # set while the workers run (they are forked: nothing is pickled)


def render_pages(
    corpus: Corpus, options: Options | None = None, only: Callable[[str], bool] | None = None
) -> dict[str, str]:
    """Every generated page (or those `only` accepts), keyed by its path inside the generated folder."""
    return {path: text for part in render_into(corpus, list, options, only) for path, text in part}


T = TypeVar("T")


def render_into(
    corpus: Corpus,
    consume: Callable[[list[tuple[str, str]]], T],
    options: Options | None = None,
    only: Callable[[str], bool] | None = None,
) -> list[T]:
    """Render every page (or those `only` accepts) and hand them, a slice at a time, as (path
    inside the generated folder, text) pairs to `consume`; what it returns for each slice.

    Large corpora are rendered on two cores: forked workers share the corpus and the jobs, and
    each hands its own slices to `consume`, so the pages themselves never cross processes.
    """
    options = options or Options()
    env = environment(options.templates, messages=options.messages)
    for b in corpus.briefings.values():  # here, not in a worker: kept with the corpus (and its snapshot)
        b.summary_text  # noqa: B018 (a cached property: the export and every description read it)
    workers = min(2, os.cpu_count() or 1)
    two = workers > 1 and "fork" in multiprocessing.get_all_start_methods()
    if only is None and two and len(corpus.briefings) * PAGES_PER_BRIEFING >= PARALLEL_PAGES:
        # Every page: each worker works out the contexts of its own part of the pages too.
        related_briefings(corpus)  # once, here: it is kept with the corpus (and its snapshot)
        work = _Work(corpus, options, env, consume, prepared=prepare(corpus, options))
        return _in_workers(work, workers, workers * 8)
    jobs = [job for job in iter_pages(corpus, options, env, only) if only is None or only(job[0])]
    table = len(corpus.briefings) // 20  # a table of the export costs about as much as this many pages
    weight = sum(table if template == EXPORT else 1 for _, template, _ in jobs)
    if weight < PARALLEL_PAGES or not two:
        return [consume([(path, _render_job(env, template, context)) for path, template, context in jobs])]
    # small slices, so the worker that finishes first waits little for the other
    return _in_workers(_Work(corpus, options, env, consume, jobs=jobs), workers, workers * 16)


def _in_workers(work: _Work, workers: int, parts: int) -> list[Any]:
    """Render in forked workers; part k takes units (or jobs) k, k + parts, ...: a share of
    every kind of page."""
    _WORK[:] = [work]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            running = [pool.submit(_render_part, k, parts) for k in range(parts)]
            return [done for part in running for done in part.result()]
    finally:
        _WORK.clear()


def _render_part(k: int, parts: int) -> list[Any]:
    """Render part k of the pages, handing them to `consume` a chunk at a time; what it
    returned for each."""
    w = _WORK[0]
    jobs = (
        w.jobs[k::parts] if w.jobs is not None else iter_pages(w.corpus, w.options, w.env, None, (k, parts), w.prepared)
    )
    done, chunk = [], []
    for path, template, context in jobs:
        chunk.append((path, _render_job(w.env, template, context)))
        if len(chunk) == CHUNK:
            done.append(w.consume(chunk))
            chunk = []
    if chunk:
        done.append(w.consume(chunk))
    return done


FEED_WRITERS = {FEED_ATOM: feeds.atom, FEED_JSON: feeds.json_feed}


def _render_job(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    """A page from its template, a feed from its writer, a file of the export, or the editor's
    configuration."""
    if template == CMS:
        o: Options | None = context["options"]
        if o is None:  # the fields a file may write short
            return json.dumps(cms_config.shapes(), indent=1) + "\n"
        return cms_config.config_yaml(
            repo=o.repository, branch=o.branch, max_marking=o.max_marking, site_url=o.site_url
        )
    if template == CMS_INDEX:
        return cms_config.registry_index(context["corpus"], context["collection"])
    if template == EXPORT:
        if context["table"] is None:
            return export.datapackage("csv", context["publisher"], context["site_url"])
        return export.table_file(context["corpus"], context["table"], "csv", context["site_url"])
    if template in FEED_WRITERS:
        return FEED_WRITERS[template](
            context["corpus"],
            context["feed"],
            context["site_url"],
            context["dates"],
            context["marking"],
            context["publisher"],
        )
    return render(env, template, **context)
