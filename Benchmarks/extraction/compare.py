#!/usr/bin/env python3
"""Main-text extraction quality: PeaceTalks' ArticleExtraction vs trafilatura on the fetch fixture pages.

For each page, word-level precision, recall and F1 of the extracted main text against the known text
(Tests/Fixtures/fetch/*.expected.txt), words being runs of Unicode letters and digits, compared as multisets.
Usage: compare.py PATH-TO-OUR-EXTRACT-BINARY
"""
import gzip
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import trafilatura

root = Path(__file__).resolve().parents[2]
fixtures = root / "Tests" / "Fixtures" / "fetch"

# (page file, Content-Type the fixture server sends, URL it is fetched from, known text)
PAGES = [
    ("elmaouid-astana.html", "text/html", "http://127.0.0.1/ar/astana", "elmaouid-astana.expected.txt"),
    ("caspian-ledger-astana.html", "text/html; charset=utf-8", "http://127.0.0.1/en/astana",
     "caspian-ledger-astana.expected.txt"),
    ("caspian-ledger-astana.html.gz", "text/html; charset=utf-8", "http://127.0.0.1/en/astana-gzip",
     "caspian-ledger-astana.expected.txt"),
    ("wrong-charset.html", "text/html", "http://127.0.0.1/wrong-charset", "wrong-charset.expected.txt"),
]

WORD = re.compile(r"\w+", re.UNICODE)


def scores(extracted: str, known: str):
    got, want = Counter(WORD.findall(extracted)), Counter(WORD.findall(known))
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def ours(binary: str, path: Path, content_type: str, url: str) -> str:
    # The fetcher hands the extractor decoded (gunzipped) bytes; do the same here.
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    tmp = Path("/tmp") / ("extract-bench-" + path.name.replace(".gz", ""))
    tmp.write_bytes(data)
    result = subprocess.run([binary, str(tmp), content_type, url], capture_output=True, check=True)
    return json.loads(result.stdout)["body"]


def theirs(path: Path, url: str) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return trafilatura.extract(data, url=url) or ""


def main():
    binary = sys.argv[1]
    print(f"trafilatura {trafilatura.__version__}; word-level precision / recall / F1 vs the known text")
    print(f"{'page':34} {'PeaceTalks P/R/F1':>22}   {'trafilatura P/R/F1':>22}   F1 ours >= theirs")
    all_ok = True
    for page, content_type, url, expected in PAGES:
        known = (fixtures / expected).read_text(encoding="utf-8")
        ours_scores = scores(ours(binary, fixtures / page, content_type, url), known)
        theirs_scores = scores(theirs(fixtures / page, url), known)
        ok = ours_scores[2] >= theirs_scores[2]
        all_ok &= ok
        fmt = lambda s: "%.3f/%.3f/%.3f" % s
        print(f"{page:34} {fmt(ours_scores):>22}   {fmt(theirs_scores):>22}   {'yes' if ok else 'NO'}")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
