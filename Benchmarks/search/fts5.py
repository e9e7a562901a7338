#!/usr/bin/env python3
"""The SQLite FTS5 side of run.sh: builds an FTS5 index (unicode61, remove_diacritics 2) over the corpus in an
in-memory database, runs the same query sets (top 20 by bm25 with the title weighted 3:1, a snippet per hit, and
the exact total), and prints the figures as JSON. Usage: fts5.py CORPUS.ndjson QUERIES.json [REPETITIONS]"""

import json
import os
import sqlite3
import sys
import time


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def match_expression(terms, phrase):
    quoted = [term.replace('"', '""') for term in terms]
    return '"' + " ".join(quoted) + '"' if phrase else " ".join('"' + term + '"' for term in quoted)


def main():
    corpus, queries_path = sys.argv[1], sys.argv[2]
    repetitions = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    with open(corpus, encoding="utf-8") as lines:
        articles = [json.loads(line) for line in lines if line.strip()]
    with open(queries_path, encoding="utf-8") as file:
        queries = json.load(file)

    before = resident_bytes()
    start = time.perf_counter()
    db = sqlite3.connect(":memory:")
    db.execute('CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize="unicode61 remove_diacritics 2")')
    with db:
        db.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                       ((number, article["title"], article["body"]) for number, article in enumerate(articles)))
    build_seconds = time.perf_counter() - start
    rss_bytes = resident_bytes() - before
    index_bytes = db.execute("SELECT sum(length(block)) FROM docs_data").fetchone()[0]

    top = ("SELECT rowid, bm25(docs, 3.0, 1.0) AS score, snippet(docs, -1, '<mark>', '</mark>', '…', 32) "
           "FROM docs WHERE docs MATCH ? ORDER BY score LIMIT 20")
    count = "SELECT count(*) FROM docs WHERE docs MATCH ?"

    def run(expression):
        start = time.perf_counter_ns()
        db.execute(top, (expression,)).fetchall()
        total = db.execute(count, (expression,)).fetchone()[0]
        return time.perf_counter_ns() - start, total

    latencies, totals = {}, {}
    for name, items in queries["classes"].items():
        expressions = [match_expression(item["terms"], item["phrase"]) for item in items]
        for expression in expressions:
            run(expression)  # warm-up
        samples, counts = [], []
        for round_number in range(repetitions):
            for expression in expressions:
                elapsed, total = run(expression)
                samples.append(elapsed / 1000)
                if round_number == 0:
                    counts.append(total)
        latencies[name], totals[name] = samples, counts
    entity_totals = [run(match_expression(entity["terms"], False))[1] for entity in queries["entities"]]
    json.dump({"documents": len(articles), "build_seconds": build_seconds, "rss_bytes": rss_bytes,
               "index_bytes": index_bytes, "sqlite_version": sqlite3.sqlite_version, "latency_us": latencies,
               "totals": totals, "entity_totals": entity_totals}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
