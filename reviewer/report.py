"""The review report: the post-editing figures as plots and tables, in one HTML file.

`review_plots` draws the figures the window's summary shows too (matplotlib, no pyplot: no
global state, any backend); `render_report` writes a self-contained HTML page (its plots
inline as SVG, its style inline, no script, nothing fetched) that any browser opens.
"""

from __future__ import annotations

import collections
import html
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer import __version__
from reviewer.diff import diff_html
from reviewer.document import ReviewDocument, Status, utc_now
from reviewer.metrics import IDLE_CUTOFF, ReviewSummary, SegmentFigures, duration, shown, summarise

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours of the plots: one per status, readable on white and on a dark background.
STATUS_COLOURS = {
    Status.REVIEWED: "#3a9a4a",
    Status.EDITED: "#3d7fc4",
    Status.MACHINE_TRANSLATED: "#e0a030",
    Status.FROM_MEMORY: "#9b6cc4",
    Status.UNTRANSLATED: "#9e9e9e",
    Status.EXCLUDED: "#9e9e9e",
}


def review_plots(summary: ReviewSummary) -> dict[str, Figure]:
    """The summary's plots, by title: how much each segment was edited (HTER), the time
    each took per word, and the words reviewed as the hours of work went by."""
    from matplotlib.figure import Figure

    figures = summary.figures
    numbers = list(range(1, len(figures) + 1))
    colours = [STATUS_COLOURS[f.segment.status] for f in figures]
    plots: dict[str, Figure] = {}

    edits = Figure(figsize=(8, 2.6), layout="constrained")
    axes = edits.add_subplot()
    axes.bar(numbers, [f.hter or 0.0 for f in figures], color=colours, width=0.8)
    axes.set_xlabel("segment (in the article's order)")
    axes.set_ylabel("HTER (%)")
    axes.set_xlim(0.4, len(figures) + 0.6)
    if summary.hter is not None:
        axes.axhline(summary.hter, color="#555555", linestyle="--", linewidth=1)
        axes.annotate(
            f"review: {summary.hter:.1f}",
            (len(figures) + 0.5, summary.hter),
            ha="right",
            va="bottom",
            fontsize=8,
        )
    _status_legend(axes, figures)
    plots["How much each segment was edited"] = edits

    pace = Figure(figsize=(8, 2.6), layout="constrained")
    axes = pace.add_subplot()
    axes.bar(numbers, [f.seconds_per_word for f in figures], color=colours, width=0.8)
    axes.set_xlabel("segment (in the article's order)")
    axes.set_ylabel("seconds per word")
    axes.set_xlim(0.4, len(figures) + 0.6)
    plots["Time per word"] = pace

    progress = Figure(figsize=(8, 2.6), layout="constrained")
    axes = progress.add_subplot()
    hours, words = _words_over_time(figures)
    axes.step(hours, words, where="post", color=STATUS_COLOURS[Status.REVIEWED])
    axes.set_xlabel("hours of active editing")
    axes.set_ylabel("words reviewed")
    rate = summary.words_per_hour
    if rate is not None:
        axes.set_title(f"{rate:,.0f} words reviewed per hour", fontsize=9, loc="left")
    plots["Words reviewed per hour"] = progress
    return plots


def _status_legend(axes: Axes, figures: list[SegmentFigures]) -> None:
    """A legend of the statuses the bars' colours stand for (those present)."""
    from matplotlib.patches import Patch

    present = dict.fromkeys(f.segment.status for f in figures)
    handles = [Patch(color=STATUS_COLOURS[status], label=status.value) for status in present]
    if len(handles) > 1:
        # Above the plot, where it hides no bar.
        axes.legend(
            handles=handles,
            fontsize=7,
            loc="lower left",
            bbox_to_anchor=(0, 1),
            ncols=len(handles),
            frameon=False,
        )


def _words_over_time(figures: list[SegmentFigures]) -> tuple[list[float], list[int]]:
    """Words reviewed against the active time spent, in the order segments were confirmed."""
    confirmed = sorted(
        (f for f in figures if f.segment.status is Status.REVIEWED),
        key=lambda f: f.segment.work.confirmed or "",
    )
    hours, words, spent, done = [0.0], [0], 0.0, 0
    for figure in confirmed:
        spent += figure.seconds
        done += figure.words
        hours.append(spent / 3600)
        words.append(done)
    return hours, words


def figure_svg(figure: Figure) -> str:
    """*figure* as an SVG element to put inside HTML."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def render_report(document: ReviewDocument, project_name: str) -> str:
    """The review report of *document*, as a self-contained HTML page."""
    summary = summarise(document)
    article = Path(document.article.path).name
    plots = review_plots(summary)
    parts = [
        "<!DOCTYPE html>",
        # Void elements closed as in XHTML: the page is well-formed XML too (tested so).
        '<html lang="en"><head><meta charset="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>Review report: {html.escape(article)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Review report: {html.escape(article)}</h1>",
        f'<p class="quiet">{html.escape(project_name)} · made by reviewer {__version__} on '
        f"{utc_now()[:10]}</p>",
        "<h2>Summary</h2>",
        _summary_table(summary),
        "<h2>Model</h2>",
        _provenance(document),
    ]
    for title, figure in plots.items():
        parts.append(f"<h2>{html.escape(title)}</h2><figure>{figure_svg(figure)}</figure>")
    parts.append("<h2>The segments that needed the most work</h2>")
    parts.append(_most_work(summary))
    parts.append("<h2>Every segment</h2>")
    parts.append(_segment_table(summary))
    parts.append(f'<p class="quiet">{html.escape(_DEFINITIONS)}</p></body></html>')
    return "\n".join(parts)


def _summary_table(summary: ReviewSummary) -> str:
    rate = summary.words_per_hour
    rows = [
        ("Segments", f"{len(summary.figures)} ({summary.reviewed} reviewed)"),
        ("Words (Arabic)", f"{summary.words:,} ({summary.words_reviewed:,} reviewed)"),
        ("Active editing time", duration(summary.seconds)),
        ("Words reviewed per hour", "—" if rate is None else f"{rate:,.0f}"),
        ("Keys", f"{summary.keys:,}"),
        ("Visits", f"{summary.visits:,}"),
        ("HTER of the reviewed segments", shown(summary.hter)),
        ("chrF of the reviewed segments", shown(summary.chrf)),
    ]
    body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    return f'<table class="summary">{body}</table>'


def _provenance(document: ReviewDocument) -> str:
    models: collections.Counter[tuple[str, str, str]] = collections.Counter()
    for segment in document:
        machine = segment.machine
        if machine is not None:
            settings = json.dumps(dict(machine.settings), sort_keys=True)
            models[(machine.shareable_model, machine.revision or "", settings)] += 1
    memory = sum(1 for segment in document if segment.memory is not None)
    rows = [
        f"<li><b>{html.escape(model)}</b>"
        + (f" (revision {html.escape(revision)})" if revision else "")
        + f": {count} segment{'s' * (count != 1)}, settings <code>{html.escape(settings)}"
        "</code></li>"
        for (model, revision, settings), count in models.most_common()
    ]
    if memory:
        rows.append(f"<li>the translation memory: {memory} segment{'s' * (memory != 1)}</li>")
    return f"<ul>{''.join(rows)}</ul>" if rows else "<p>No machine translation.</p>"


def _most_work(summary: ReviewSummary) -> str:
    most = summary.most_work
    if not most:
        return "<p>No segment was edited.</p>"
    items = "".join(
        f'<li><a href="#{html.escape(f.segment.id)}">{html.escape(f.segment.id)}</a>: '
        f"HTER {shown(f.hter)}, {duration(f.seconds)}, {f.seconds_per_word:.1f} s a word</li>"
        for f in most
    )
    return f"<ol>{items}</ol>"


def _segment_table(summary: ReviewSummary) -> str:
    head = (
        "<tr><th>id</th><th>status</th><th>Arabic</th><th>machine</th><th>final</th>"
        "<th>changes</th><th>HTER</th><th>chrF</th><th>time</th><th>keys</th></tr>"
    )
    rows = []
    for figure in summary.figures:
        segment = figure.segment
        start = figure.start or ""
        rows.append(
            f'<tr id="{html.escape(segment.id)}"><td>{html.escape(segment.id)}</td>'
            f"<td>{html.escape(segment.status.value)}</td>"
            f'<td dir="rtl" lang="ar">{html.escape(segment.source)}</td>'
            f"<td>{html.escape(start)}</td><td>{html.escape(segment.target)}</td>"
            f"<td>{_diff(start, segment.target)}</td>"
            f'<td class="n">{shown(figure.hter)}</td><td class="n">{shown(figure.chrf)}</td>'
            f'<td class="n">{duration(figure.seconds)}</td>'
            f'<td class="n">{segment.work.keys}</td></tr>'
        )
    return f'<table class="segments"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _diff(start: str, final: str) -> str:
    if not start or start == final:
        return ""
    return diff_html(start, final, deleted="<del>{}</del>", inserted="<ins>{}</ins>")


_DEFINITIONS = (
    "HTER: TER (sacrebleu) of the English the reviewer started from (the machine's, or the "
    "memory's) against the final English, in percent of its words; for the review, all edits "
    "over all words of the reviewed segments. chrF: sacrebleu's chrF of the same pairs (100: "
    f"unchanged). Active editing time: time with the segment current and the reviewer active; "
    f"a pause counts up to {IDLE_CUTOFF:.0f} s only. Keys: keys typed, deleted and moving "
    "the cursor in the English."
)

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em;
       color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
.quiet { color: #666; font-size: 0.9em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
table.summary th { background: #f3f3f3; }
table.segments { width: 100%; font-size: 0.9em; }
table.segments thead th { background: #f3f3f3; position: sticky; top: 0; }
td.n { text-align: right; white-space: nowrap; }
td[dir=rtl] { text-align: right; font-size: 1.1em; }
del { color: #c0392b; } ins { color: #2e7d32; text-decoration: underline; font-weight: bold; }
figure { margin: 0; } svg { max-width: 100%; height: auto; }
"""
