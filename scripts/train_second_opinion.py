"""Train the second opinion (service/clearpost/second_opinion.py) and the name proposer
(service/clearpost/name_proposer.py) on the annotated corpora.

Runs the rules without them over every corpus that tests/data/build_corpus.py lists. The second
opinion learns which findings are real (those overlapping a hand-annotated span); the proposer
learns which words are names (those overlapping an annotated PERSON span). Each is a logistic
regression whose weights are written to the data folder. First it cross-validates: the corpora
in contiguous groups (neighbouring corpora share authors' rounds), each group read by models
trained on the others, and prints what the thresholds in second_opinion.yaml do to recall and
to clean posts there, with the proposer's threshold varied around the shipped one.

    scripts/train-second-opinion [--folds 5] [--C 0.3] [--corpora NAME ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from collections.abc import Sequence
from multiprocessing import Pool
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from clearpost.engine import Analysis, Detector, Finding, with_proposed_names
from clearpost.evaluate import Report, load_corpus, overlaps, score_post
from clearpost.lexicon import load_yaml
from clearpost.name_proposer import WEIGHTS_FILE as NAME_WEIGHTS_FILE
from clearpost.name_proposer import NameProposer, Post, names_above
from clearpost.normalize import normalize
from clearpost.risk import assess
from clearpost.second_opinion import WEIGHTS_FILE, SecondOpinion, features, post_words

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = REPO / "tests" / "data"
MODEL_DIR = REPO / "service" / "clearpost" / "data"
# A feature seen in fewer findings teaches the corpus, not the language; weights smaller than
# this change no decision. Both measured: dropping them keeps the cross-validated figures and
# ships a tenth of the weights.
FEWEST_FINDINGS = 5
SMALLEST_WEIGHT = 0.05


def registered_corpora() -> list[str]:
    spec = importlib.util.spec_from_file_location("build_corpus", DATA_DIR / "build_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [source.removesuffix(".txt") for source in module.DEFAULT_SOURCES]


def rule_findings(names: Sequence[str]) -> list[dict]:
    """Every post of the corpora with the rules' findings on the text as the detector reads it."""
    detector = Detector(cache_size=0, second_opinion=False)
    posts = []
    for name in names:
        for post in load_corpus(DATA_DIR / f"{name}.jsonl"):
            text = normalize(post["text"]).text
            findings = detector.analyze(text).findings
            posts.append({"corpus": name, "text": text, "gold": post["spans"] if text == post["text"] else None,
                          "findings": findings, "never_names": detector.never_names(text)})
    return posts


def finding_examples(posts: list[dict]) -> tuple[list[dict[str, float]], list[int]]:
    """The second opinion's: every finding, real when it overlaps an annotated span."""
    rows, labels = [], []
    for post in posts:
        words = post_words(post["text"])
        for finding in post["findings"]:
            rows.append(features(post["text"], finding, post["findings"], words))
            labels.append(int(any(overlaps(finding.start, finding.end, span["start"], span["end"]) for span in post["gold"])))
    return rows, labels


def word_examples(posts: list[dict]) -> tuple[list[dict[str, float]], list[int]]:
    """The proposer's: every candidate word, found or not (it learns what names look like from the
    names the rules find too), a name when it overlaps an annotated PERSON span."""
    rows, labels = [], []
    for post in posts:
        words: Post = post["words"]
        names = [span for span in post["gold"] if span["label"] == "PERSON"]
        for i in words.candidates(covered_too=True):
            word = words.words[i]
            rows.append(words.features(i))
            labels.append(int(any(overlaps(word.start, word.end, span["start"], span["end"]) for span in names)))
    return rows, labels


def fit(examples: tuple[list[dict[str, float]], list[int]], c: float) -> dict[str, float]:
    rows, labels = examples
    seen = Counter(name for row in rows for name in row)
    rows = [{name: value for name, value in row.items() if seen[name] >= FEWEST_FINDINGS} for row in rows]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(vectorizer.fit_transform(rows), labels)
    # "bias" is a constant feature, so the intercept folds into its weight.
    weights = dict(zip(vectorizer.get_feature_names_out(), model.coef_[0]))
    weights["bias"] = weights.get("bias", 0.0) + model.intercept_[0]
    return {name: float(weight) for name, weight in weights.items() if abs(weight) >= SMALLEST_WEIGHT}


def score(posts: list[dict]) -> dict[str, float]:
    """Scored by `clearpost eval`'s own rule: character overlap."""
    report = Report()
    for post in posts:
        findings: list[Finding] = post["findings"]
        score_post(report, {"text": post["text"], "spans": post["gold"]},
                   Analysis(post["text"], findings, assess([f.entity for f in findings])))
    return {"direct recall": report.by_kind["direct"].rate, "overall recall": report.overall.rate,
            "precision": report.precision, "clean posts flagged": report.clean_flagged / report.clean_posts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5, help="cross-validation groups (0: none)")
    parser.add_argument("--C", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--corpora", nargs="+", help="corpus names (default: all registered)")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="folder for the weight files")
    args = parser.parse_args(argv)

    names = args.corpora or registered_corpora()
    with Pool(2) as pool:
        per_half = pool.map(rule_findings, [names[0::2], names[1::2]])
    # Posts the normaliser changes (look-alike letters…) have their spans on the typed text: left out.
    posts = sorted((post for half in per_half for post in half if post["gold"] is not None),
                   key=lambda post: names.index(post["corpus"]))
    for post in posts:
        post["words"] = Post.read(post["text"], post["findings"], post["never_names"])
    proposer_threshold = load_yaml("second_opinion.yaml")["propose_names"]
    if args.folds:
        size = -(-len(names) // args.folds)
        groups = [names[i:i + size] for i in range(0, len(names), size)]
        # Each post read by the models trained without its group, pooled over the groups.
        judged, chances = [], []
        for group in groups:
            training = [p for p in posts if p["corpus"] not in group]
            judge = SecondOpinion.load(fit(finding_examples(training), args.C))
            proposer = NameProposer.load(fit(word_examples(training), args.C))
            for post in (p for p in posts if p["corpus"] in group):
                judged.append({**post, "findings": judge.keep(post["text"], post["findings"])})
                chances.append(proposer.probabilities(post["words"]))
        print(f"cross-validated over {len(groups)} groups of corpora, thresholds {load_yaml('second_opinion.yaml')['thresholds']}:")
        columns = {"rules": score(posts), "second opinion": score(judged)}
        for threshold in sorted({0.3, 0.4, 0.5, 0.6, 0.7, proposer_threshold}):
            proposed = [{**post, "findings": with_proposed_names(post["text"], post["findings"],
                                                                 names_above(post["words"], post_chances, threshold))}
                        for post, post_chances in zip(judged, chances)]
            columns[f"names {threshold}{'*' if threshold == proposer_threshold else ''}"] = score(proposed)
        print(f"  {'':20}" + "".join(f"{column:>16}" for column in columns))
        for key in columns["rules"]:
            print(f"  {key:20}" + "".join(f"{figures[key]:16.4f}" for figures in columns.values()))
        print("  (second opinion: dropping findings; names t: and proposing names at threshold t; * shipped)")

    findings = sum(len(p["findings"]) for p in posts)
    args.out.mkdir(parents=True, exist_ok=True)
    for file_name, examples, what in ((WEIGHTS_FILE, finding_examples(posts), f"{findings} findings"),
                                      (NAME_WEIGHTS_FILE, word_examples(posts), "their candidate words")):
        weights = fit(examples, args.C)
        lines = [f"# Written by scripts/train-second-opinion from {len(names)} corpora ({len(posts)} posts, {what}),",
                 f"# logistic regression, C={args.C}. Feature, then weight (log-odds); strongest first.",
                 *(f"{name}\t{weight:.4f}" for name, weight in sorted(weights.items(), key=lambda item: -abs(item[1])))]
        (args.out / file_name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(weights)} weights to {args.out / file_name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
