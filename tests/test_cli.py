"""The `clearpost` command line: analyze (readable and --jsonl) and eval."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO

POSTS = [
    {"id": "a", "text": "Saw Jane Doe (94 yo, MRN 4482913) in room 412 yesterday"},
    {"id": "b", "text": "Great grand rounds on CHF today #MedTwitter"},
    {"id": 3, "text": "😷 José Núñez, 67, from Duluth, MN"},
]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clearpost.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=REPO, timeout=300, env={"CLEARPOST_CONFIG": "", "PATH": "/usr/bin:/bin"})


def test_analyze_jsonl_answers_every_line_with_the_api_schema():
    result = run("analyze", "--jsonl", stdin="\n".join(json.dumps(p) for p in POSTS) + "\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", 3]
    for line in lines:
        assert set(line) == {"id", "findings", "risk", "redacted"}
    assert {f["entity"] for f in lines[0]["findings"]} >= {"PERSON", "AGE_OVER_89", "MRN", "ROOM"}
    assert lines[1]["findings"] == [] and lines[1]["risk"]["level"] == "none"
    assert "José Núñez" not in lines[2]["redacted"]


def test_analyze_jsonl_rejects_a_bad_line_without_echoing_it():
    result = run("analyze", "--jsonl", stdin='{"id": 1, "text": "ok"}\nJane Doe MRN 4482913\n')
    assert result.returncode == 2
    assert "line 2" in result.stderr
    assert "Jane" not in result.stderr and "4482913" not in result.stderr


def test_analyze_file_is_readable(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("Discharged Mr. Okafor, 94 yo, MRN 4482913.", encoding="utf-8")
    result = run("analyze", str(post))
    assert result.returncode == 0, result.stderr
    assert "MRN" in result.stdout and "AGE_OVER_89" in result.stdout and "Risk: high" in result.stdout


def test_eval_prints_the_metrics_table(tmp_path):
    corpus = tmp_path / "mini.jsonl"
    text = "Saw Jane Doe today. Proud of our team!"
    corpus.write_text("\n".join(json.dumps(p) for p in [
        {"id": "1", "platform": "x", "text": text,
         "spans": [{"start": 4, "end": 12, "label": "PERSON", "kind": "direct"}]},
        {"id": "2", "platform": "x", "text": "Proud of our team! #MedTwitter", "spans": []},
    ]), encoding="utf-8")
    result = run("eval", str(corpus), "--json")
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["recall_direct"] == 1.0
    assert metrics["clean_posts_flagged"] == 0.0
    assert metrics["recall_by_label"]["PERSON"]["spans"] == 1
    table = run("eval", str(corpus)).stdout
    assert "| recall, direct identifiers | 1.000 |" in table
