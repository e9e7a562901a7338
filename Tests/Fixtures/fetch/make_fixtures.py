#!/usr/bin/env python3
"""Builds the fetch fixture pages that are not written by hand (run from anywhere; output is committed).

- elmaouid-astana.html: elmaouid-astana.template.html filled with the seed article's title and body
  (seeds/articles.json), encoded windows-1256; elmaouid-astana.expected.txt: the seed body.
- wrong-charset.html: wrong-charset.template.html encoded windows-1256 although it declares UTF-8.
- caspian-ledger-astana.html.gz: the English page gzip-compressed (mtime 0, so the bytes are reproducible).
"""
import gzip
import html
import json
from pathlib import Path

here = Path(__file__).resolve().parent
root = here.parents[2]
seed = json.loads((root / "seeds" / "articles.json").read_text(encoding="utf-8"))[0]
first, second = seed["body"].split("\n\n")
page = (here / "elmaouid-astana.template.html").read_text(encoding="utf-8")
page = (page.replace("{{TITLE_ATTR}}", html.escape(seed["title"], quote=True))
        .replace("{{TITLE}}", html.escape(seed["title"], quote=False))
        .replace("{{P1}}", html.escape(first, quote=False))
        .replace("{{P2}}", "&nbsp;" + html.escape(second, quote=False)))
(here / "elmaouid-astana.html").write_bytes(page.encode("cp1256"))
(here / "elmaouid-astana.expected.txt").write_text(seed["body"], encoding="utf-8")
wrong = (here / "wrong-charset.template.html").read_text(encoding="utf-8")
(here / "wrong-charset.html").write_bytes(wrong.encode("cp1256"))
english = (here / "caspian-ledger-astana.html").read_bytes()
(here / "caspian-ledger-astana.html.gz").write_bytes(gzip.compress(english, mtime=0))
