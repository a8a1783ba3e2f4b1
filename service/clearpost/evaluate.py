"""`clearpost eval FILE`: detection quality on an annotated corpus, by character overlap.

A gold span counts as found when any finding overlaps it by at least one character; a finding
is correct when it overlaps any gold span. The corpus is JSONL: {"id", "platform", "text",
"spans": [{"start", "end", "label", "kind"}]} with code-point offsets.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Tally:
    found: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 1.0


@dataclass
class PostErrors:
    """One post's misses, false findings and direct identifiers left after the fixes, for
    debugging on synthetic corpora (printed to the terminal only)."""
    post_id: str
    text: str
    missed: list[tuple[str, str]] = field(default_factory=list)  # (span text, gold label)
    false: list[tuple[str, str]] = field(default_factory=list)  # (span text, entity)
    left_after_fix: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missed or self.false or self.left_after_fix)


@dataclass
class Report:
    posts: int = 0
    clean_posts: int = 0
    clean_flagged: int = 0
    findings: int = 0
    correct_findings: int = 0
    false_findings: int = 0
    overall: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)
    by_label: dict[str, Tally] = field(default_factory=dict)
    direct_removed: Tally = field(default_factory=Tally)
    missed: Counter = field(default_factory=Counter)
    errors: list[PostErrors] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_findings / self.findings if self.findings else 1.0

    def to_json(self) -> dict:
        return {
            "posts": self.posts,
            "recall": round(self.overall.rate, 3),
            "recall_direct": round(self.by_kind.get("direct", Tally()).rate, 3),
            "recall_quasi": round(self.by_kind.get("quasi", Tally()).rate, 3),
            "precision": round(self.precision, 3),
            "false_underlines_per_post": round(self.false_findings / self.posts, 3) if self.posts else 0.0,
            "clean_posts_flagged": round(self.clean_flagged / self.clean_posts, 3) if self.clean_posts else 0.0,
            "direct_removed_by_suggestions": round(self.direct_removed.rate, 3),
            "recall_by_label": {label: {"recall": round(t.rate, 3), "spans": t.total} for label, t in sorted(self.by_label.items())},
        }


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def load_corpus(path: Path) -> list[dict]:
    posts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            posts.append(json.loads(line))
    return posts


def evaluate(detector, posts: list[dict]) -> Report:
    report = Report()
    for post in posts:
        score_post(report, post, detector.analyze(post["text"]))
    return report


def score_post(report: Report, post: dict, analysis) -> None:
    """Add one annotated post and the detector's `analysis` of its text to the report."""
    text, gold = post["text"], post["spans"]
    predicted = [(f.start, f.end) for f in analysis.findings]
    errors = PostErrors(str(post.get("id", report.posts)), text)
    report.posts += 1
    report.findings += len(predicted)
    for finding in analysis.findings:
        if any(overlaps(finding.start, finding.end, g["start"], g["end"]) for g in gold):
            report.correct_findings += 1
        else:
            report.false_findings += 1
            errors.false.append((text[finding.start:finding.end], finding.entity))
    if not gold:
        report.clean_posts += 1
        report.clean_flagged += bool(predicted)
    redacted = analysis.redacted if any(g["kind"] == "direct" for g in gold) else ""
    for span in gold:
        found = any(overlaps(s, e, span["start"], span["end"]) for s, e in predicted)
        for tally in (report.overall, report.by_kind.setdefault(span["kind"], Tally()),
                      report.by_label.setdefault(span["label"], Tally())):
            tally.total += 1
            tally.found += found
        if not found:
            report.missed[span["label"]] += 1
            errors.missed.append((text[span["start"]:span["end"]], span["label"]))
        if span["kind"] == "direct":
            removed = text[span["start"]:span["end"]] not in redacted
            report.direct_removed.total += 1
            report.direct_removed.found += removed
            if not removed:
                errors.left_after_fix.append((text[span["start"]:span["end"]], span["label"]))
    if errors:
        report.errors.append(errors)


def format_errors(report: Report) -> str:
    """Every post with a miss, a false finding or a direct identifier the fixes left behind."""
    blocks = []
    for post in report.errors:
        lines = [f"--- {post.post_id}: {post.text}"]
        lines += [f"  MISSED {label}: {span!r}" for span, label in post.missed]
        lines += [f"  FALSE  {entity}: {span!r}" for span, entity in post.false]
        lines += [f"  LEFT   {label}: {span!r}" for span, label in post.left_after_fix]
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def format_report(report: Report, name: str) -> str:
    data = report.to_json()
    lines = [
        f"ClearPost evaluation on {name}: {data['posts']} posts ({report.clean_posts} without PHI), "
        f"{report.overall.total} PHI spans",
        "",
        "| metric | value |",
        "| --- | --- |",
        f"| recall, overall | {data['recall']:.3f} |",
        f"| recall, direct identifiers | {data['recall_direct']:.3f} |",
        f"| recall, quasi-identifiers | {data['recall_quasi']:.3f} |",
        f"| precision | {data['precision']:.3f} |",
        f"| false underlines per post | {data['false_underlines_per_post']:.2f} |",
        f"| clean posts flagged | {data['clean_posts_flagged']:.1%} |",
        f"| direct identifiers removed by the suggestions | {data['direct_removed_by_suggestions']:.3f} |",
        "",
        "| label | spans | recall |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {label} | {v['spans']} | {v['recall']:.3f} |" for label, v in data["recall_by_label"].items()]
    return "\n".join(lines)


def cmd_eval(args: argparse.Namespace) -> int:
    from .config import load_config
    from .engine import Detector

    paths = [Path(p) for p in args.files]
    detector = Detector(load_config(args.config))
    for path in paths:
        report = evaluate(detector, load_corpus(path))
        print(json.dumps(report.to_json(), indent=2) if args.json else format_report(report, path.name))
        if args.show_errors:
            print(format_errors(report))
    return 0


def add_eval_command(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("eval", help="measure detection quality on an annotated JSONL corpus")
    parser.add_argument("files", nargs="+", help="corpus files (JSONL with gold spans)")
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument("--show-errors", action="store_true",
                        help="also list each post's misses and false findings (synthetic corpora only: prints post text)")
    parser.set_defaults(handler=cmd_eval)


