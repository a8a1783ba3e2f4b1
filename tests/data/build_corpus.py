"""Build the annotated JSONL corpora from their hand-written sources.

Source format (posts.txt, holdout.txt, unseen.txt): each post starts with a header line
`### <id> <platform>` and runs until the next header; blank lines around a post are dropped,
line breaks inside it are kept. PHI is marked inline as `[[span text|LABEL]]`. Lines before the
first header that start with `#` are comments.

Output: one JSON object per line, {"id", "platform", "text", "spans": [{"start", "end",
"label", "kind"}]}, offsets in Python code points (end exclusive) into the text with the
markup removed. The kind (direct | quasi) of each label comes from labels.csv.

Usage: build_corpus.py [SOURCE.txt ...]   (default: every corpus in DEFAULT_SOURCES, next to this file)
Exits 1, naming the post and the problem, on malformed markup, unknown labels or platforms.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
DEFAULT_SOURCES = ("posts.txt", "holdout.txt", "unseen.txt", "final.txt", "blind5.txt", "blind6.txt", "blind7.txt", "blind8.txt", "blind9.txt", "blind10.txt", "blind11.txt", "blind12.txt", "blind13.txt", "blind14.txt", "blind15.txt", "blind16.txt", "blind17.txt", "blind18.txt", "blind19.txt", "blind20.txt", "blind21.txt", "blind22.txt", "blind23.txt", "blind24.txt", "blind25.txt", "blind26.txt", "blind27.txt", "blind28.txt", "blind29.txt", "blind30.txt", "blind31.txt", "blind32.txt", "blind33.txt", "blind34.txt", "blind35.txt", "blind36.txt", "blind37.txt", "blind38.txt", "blind39.txt", "blind40.txt", "blind41.txt", "blind42.txt", "blind43.txt", "blind44.txt", "blind45.txt", "blind46.txt", "blind47.txt", "blind48.txt", "blind49.txt", "blind50.txt", "blind51.txt", "blind52.txt", "blind53.txt", "blind54.txt", "blind55.txt", "blind56.txt", "blind57.txt", "blind58.txt", "blind59.txt", "blind60.txt", "blind61.txt", "blind62.txt", "blind63.txt", "blind64.txt", "blind65.txt", "blind66.txt", "blind67.txt", "blind68.txt", "blind69.txt", "blind70.txt", "blind71.txt", "blind72.txt", "blind73.txt", "blind74.txt", "blind75.txt", "blind76.txt", "blind77.txt", "blind78.txt", "blind79.txt", "blind80.txt", "blind81.txt", "blind82.txt", "blind83.txt", "blind84.txt", "blind85.txt", "blind86.txt", "blind87.txt", "blind88.txt", "blind89.txt", "blind90.txt", "blind91.txt", "blind92.txt", "blind93.txt", "blind94.txt", "blind95.txt", "blind96.txt", "blind97.txt", "blind98.txt", "blind99.txt", "blind100.txt", "blind101.txt", "blind102.txt", "blind103.txt", "blind104.txt", "blind105.txt", "blind106.txt", "blind107.txt", "blind108.txt", "blind109.txt", "blind110.txt", "blind111.txt", "blind112.txt", "blind113.txt", "blind114.txt", "blind115.txt", "blind116.txt", "blind117.txt", "blind118.txt", "blind119.txt", "blind120.txt", "blind121.txt", "blind122.txt", "blind123.txt", "blind124.txt", "blind125.txt", "blind126.txt", "blind127.txt", "blind128.txt", "blind129.txt", "blind130.txt", "blind131.txt", "blind132.txt", "blind133.txt", "blind134.txt", "blind135.txt", "blind136.txt", "blind137.txt", "blind138.txt", "blind139.txt", "blind140.txt", "blind141.txt", "blind142.txt", "blind143.txt", "blind144.txt", "blind145.txt", "blind146.txt", "blind147.txt", "blind148.txt", "blind149.txt", "blind150.txt", "blind151.txt", "blind152.txt", "blind153.txt", "blind154.txt", "blind155.txt", "blind156.txt", "blind157.txt", "blind158.txt", "blind159.txt", "blind160.txt", "blind161.txt", "blind162.txt", "blind163.txt", "blind164.txt", "blind165.txt", "blind166.txt", "blind167.txt", "blind168.txt", "blind169.txt", "blind170.txt", "blind171.txt")
PLATFORMS = frozenset({"x", "facebook", "fb_group", "linkedin"})
HEADER = re.compile(r"^### (?P<id>\S+) (?P<platform>\S+)\s*$")
MARKUP = re.compile(r"\[\[(?P<span>[^\[\]|]+)\|(?P<label>[A-Z0-9_]+)\]\]")
# Anything markup-like left over after the well-formed spans are removed is a typo in the source.
STRAY_MARKUP = re.compile(r"\[\[|\]\]|\|[A-Z_]{3,}\]")


class CorpusError(ValueError):
    """The source text cannot be turned into a corpus."""


def load_label_kinds(path: Path = DATA_DIR / "labels.csv") -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["label"]: row["kind"] for row in csv.DictReader(handle)}


def parse_post(post_id: str, platform: str, marked_text: str, label_kinds: dict[str, str]) -> dict:
    text_parts: list[str] = []
    spans: list[dict] = []
    length = 0
    cursor = 0
    for match in MARKUP.finditer(marked_text):
        before = marked_text[cursor:match.start()]
        span_text, label = match.group("span"), match.group("label")
        if label not in label_kinds:
            raise CorpusError(f"{post_id}: unknown label {label!r}")
        if span_text != span_text.strip():
            raise CorpusError(f"{post_id}: span {span_text!r} has surrounding whitespace")
        text_parts.append(before)
        length += len(before)
        spans.append({"start": length, "end": length + len(span_text), "label": label,
                      "kind": label_kinds[label]})
        text_parts.append(span_text)
        length += len(span_text)
        cursor = match.end()
    text_parts.append(marked_text[cursor:])
    text = "".join(text_parts)
    if STRAY_MARKUP.search(MARKUP.sub("", marked_text)):
        raise CorpusError(f"{post_id}: malformed [[span|LABEL]] markup")
    if not text.strip():
        raise CorpusError(f"{post_id}: empty post")
    return {"id": post_id, "platform": platform, "text": text, "spans": spans}


def build(source: str, label_kinds: dict[str, str] | None = None) -> list[dict]:
    """Parse one source file's content into corpus records, in source order."""
    label_kinds = label_kinds or load_label_kinds()
    blocks: list[tuple[str, str, list[str]]] = []
    for line_number, line in enumerate(source.splitlines(), start=1):
        header = HEADER.match(line)
        if header:
            blocks.append((header["id"], header["platform"], []))
        elif line.startswith("###"):
            raise CorpusError(f"line {line_number}: malformed header {line!r}")
        elif blocks:
            blocks[-1][2].append(line)
        elif line.strip() and not line.startswith("#"):
            raise CorpusError(f"line {line_number}: text before the first post header")
    posts: list[dict] = []
    seen_ids: set[str] = set()
    for post_id, platform, lines in blocks:
        if platform not in PLATFORMS:
            raise CorpusError(f"{post_id}: unknown platform {platform!r}")
        if post_id in seen_ids:
            raise CorpusError(f"{post_id}: duplicate id")
        seen_ids.add(post_id)
        posts.append(parse_post(post_id, platform, "\n".join(lines).strip("\n"), label_kinds))
    return posts


def to_jsonl(posts: list[dict]) -> str:
    return "".join(json.dumps(post, ensure_ascii=False) + "\n" for post in posts)


def main(argv: list[str]) -> int:
    sources = [Path(arg) for arg in argv] or [DATA_DIR / name for name in DEFAULT_SOURCES]
    label_kinds = load_label_kinds()
    for source in sources:
        try:
            posts = build(source.read_text(encoding="utf-8"), label_kinds)
        except CorpusError as error:
            print(f"{source}: {error}", file=sys.stderr)
            return 1
        source.with_suffix(".jsonl").write_text(to_jsonl(posts), encoding="utf-8")
        print(f"{source.name}: {len(posts)} posts, {sum(len(p['spans']) for p in posts)} spans")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
