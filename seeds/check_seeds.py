#!/usr/bin/env python3
"""Check the seed files: JSON shape, ids, references, load order, and that every Arabic
passage (statement text and context, Arabic aliases, names) occurs verbatim in the article.

Usage: python3 seeds/check_seeds.py [path/to/astana-talks-2017-elmaouid.ar.txt]
Exit status 0 when every check passes; otherwise each problem is printed on its own line.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "..", "shared", "seeds", "astana-talks-2017-elmaouid.ar.txt")

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
TAG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ARABIC = re.compile(r"[\u0600-\u06FF]")
SERVER_SET = {"created_at", "updated_at", "fetched_at"}
FIELDS = {
    "participants": {"id", "kind", "name", "aliases", "role", "affiliation", "side"},
    "talks": {"id", "name", "process", "location", "start_date", "end_date", "participants", "summary"},
    "articles": {"id", "title", "body", "language", "url", "source", "section", "author",
                 "published_at", "talks", "participants"},
    "statements": {"id", "participant", "text", "language", "kind", "article", "talks", "said_on",
                   "topics", "translation", "context"},
}
# Participants the article only refers to (no Arabic name in the text to copy).
REFERRED_ONLY = {"nursultan-nazarbayev"}

errors = []


def err(msg):
    errors.append(msg)


raw = open(SOURCE, encoding="utf-8").read()
lines = raw.split("\n")
expected_title = lines[3].strip()
expected_body = "\n\n".join(l.strip() for l in lines[5:] if l.strip())

data = {}
for kind in ("participants", "talks", "articles", "statements"):
    path = os.path.join(HERE, kind + ".json")
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        data[kind] = json.loads(text)
    except Exception as e:  # noqa: BLE001
        print(f"{path}: {e}")
        sys.exit(1)
    if "\\u" in text:
        err(f"{kind}.json: contains \\u escapes; write UTF-8")
    if not isinstance(data[kind], list):
        err(f"{kind}.json: not a JSON array")

seen = {k: set() for k in data}
for kind, items in data.items():
    for i, item in enumerate(items):
        where = f"{kind}[{i}] {item.get('id')}"
        if not ID.match(item.get("id", "")):
            err(f"{where}: bad id")
        if item["id"] in seen[kind]:
            err(f"{where}: duplicate id")
        extra = set(item) - FIELDS[kind]
        if extra:
            err(f"{where}: unknown or server-set fields {sorted(extra)}")
        for k, v in item.items():
            if isinstance(v, str) and not unicodedata.is_normalized("NFC", v):
                err(f"{where}.{k}: not NFC")
        seen[kind].add(item["id"])  # added after checking: references must point backwards


def ref(where, kind, value, defined):
    if value is not None and value not in defined:
        err(f"{where}: unknown {kind} id {value!r} (or defined later in the file)")


def localized(where, v, required=True):
    if v is None and not required:
        return
    if not isinstance(v, dict) or not v or not all(isinstance(s, str) and s for s in v.values()):
        err(f"{where}: bad LocalizedText")


body = data["articles"][0]["body"] if data["articles"] else ""

# participants: affiliation must point to an earlier participant
defined = set()
for p in data["participants"]:
    w = f"participant {p['id']}"
    if p["kind"] not in {"person", "delegation", "state", "organization", "armed_group"}:
        err(f"{w}: bad kind")
    if p.get("side") not in {"government", "opposition", "guarantor", "mediator", "host", "observer", None}:
        err(f"{w}: bad side")
    localized(w + ".name", p["name"])
    localized(w + ".role", p.get("role"), required=False)
    ref(w + ".affiliation", "participant", p.get("affiliation"), defined)
    ar = p["name"].get("ar", "")
    if p["id"] in REFERRED_ONLY:
        if ar in body:
            err(f"{w}: listed as referred-only but its name occurs")
    elif ar not in body:
        err(f"{w}: name.ar {ar!r} not in article")
    for a in p.get("aliases", []):
        if ARABIC.search(a) and a not in body:
            err(f"{w}: Arabic alias {a!r} not in article")
    if len(set(p.get("aliases", []))) != len(p.get("aliases", [])):
        err(f"{w}: duplicate alias")
    defined.add(p["id"])
P = defined

for t in data["talks"]:
    w = f"talks {t['id']}"
    localized(w + ".name", t["name"])
    localized(w + ".summary", t.get("summary"), required=False)
    for d in ("start_date", "end_date"):
        if t.get(d) is not None and not DATE.match(t[d]):
            err(f"{w}.{d}: bad date")
    if t.get("start_date") and t.get("end_date") and t["end_date"] < t["start_date"]:
        err(f"{w}: end_date before start_date")
    loc = t.get("location")
    if loc is not None and (set(loc) != {"city", "country"} or not re.match(r"^[A-Z]{2}$", loc["country"])):
        err(f"{w}: bad location")
    for x in t.get("participants", []):
        ref(w + ".participants", "participant", x, P)
T = seen["talks"]

for a in data["articles"]:
    w = f"article {a['id']}"
    if a.get("published_at") is not None and not TIME.match(a["published_at"]):
        err(f"{w}: bad published_at")
    for x in a.get("talks", []):
        ref(w + ".talks", "talks", x, T)
    for x in a.get("participants", []):
        ref(w + ".participants", "participant", x, P)
first = data["articles"][0]
if first["title"] != expected_title:
    err("article title differs from the headline in the source")
if first["body"] != expected_body:
    err("article body differs from the source paragraphs")
if "\n\n\n" in first["body"] or first["body"] != first["body"].strip():
    err("article body: paragraphs must be separated by exactly one blank line")
A = seen["articles"]

for s in data["statements"]:
    w = f"statement {s['id']}"
    ref(w + ".participant", "participant", s["participant"], P)
    ref(w + ".article", "article", s.get("article"), A)
    ref(w + ".talks", "talks", s.get("talks"), T)
    if s.get("kind") not in {"direct", "reported"}:
        err(f"{w}: bad kind")
    if s.get("said_on") is not None and not DATE.match(s["said_on"]):
        err(f"{w}: bad said_on")
    if not s["text"] or s["text"] not in raw or s["text"] not in body:
        err(f"{w}: text not verbatim in article")
    ctx = s.get("context")
    if ctx is not None and (ctx not in body or s["text"] not in ctx):
        err(f"{w}: context not verbatim in article or does not contain the text")
    if s.get("language") != "ar":
        err(f"{w}: language")
    localized(w + ".translation", s.get("translation"), required=False)
    for tag in s.get("topics", []):
        if not TAG.match(tag):
            err(f"{w}: topic {tag!r} is not kebab-case")
    if s["article"] and s["participant"] not in next(a for a in data["articles"] if a["id"] == s["article"])["participants"]:
        err(f"{w}: speaker not among the article's participants")

if errors:
    print("\n".join(errors))
    sys.exit(1)
print("ok: " + ", ".join(f"{len(v)} {k}" for k, v in data.items()))
