#!/usr/bin/env python3
"""Prints run.sh's comparison: build time, memory, p50/p99 latency per query class with ratios against the
targets (p50 ≤ 0.5× FTS5, p99 ≤ 1× FTS5, build ≤ 1× FTS5), and per Arabic entity query the documents each engine
and the normalising scan find. Usage: compare.py PEACETALKS.json FTS5.json SCAN.json QUERIES.json"""

import json
import sys


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    peacetalks, fts5, scan, queries = (json.load(open(path, encoding="utf-8")) for path in sys.argv[1:5])
    megabytes = 1024 * 1024
    print(f"corpus: {peacetalks['documents']} articles; SQLite {fts5['sqlite_version']}")
    print()
    print(f"{'':34}{'PeaceTalks':>12}{'FTS5':>12}{'ratio':>8}")
    build = peacetalks["index_build_seconds"]
    print(f"{'index build (s)':34}{build:12.2f}{fts5['build_seconds']:12.2f}{build / fts5['build_seconds']:8.2f}"
          f"  {'ok' if build <= fts5['build_seconds'] else 'MISSED'} (target ≤ 1×)")
    store = peacetalks["store_build_seconds"]
    print(f"{'whole store load (s)':34}{store:12.2f}{fts5['build_seconds']:12.2f}{store / fts5['build_seconds']:8.2f}")
    index_rss = peacetalks["index_rss_bytes"] / megabytes
    fts5_rss = fts5["rss_bytes"] / megabytes
    print(f"{'RSS delta: index / FTS5 db (MB)':34}{index_rss:12.1f}{fts5_rss:12.1f}{index_rss / fts5_rss:8.2f}")
    store_rss = peacetalks["store_rss_bytes"] / megabytes
    print(f"{'RSS delta: store / FTS5 db (MB)':34}{store_rss:12.1f}{fts5_rss:12.1f}{store_rss / fts5_rss:8.2f}")
    index_bytes = peacetalks["index_bytes"] / megabytes
    fts5_bytes = fts5["index_bytes"] / megabytes
    print(f"{'index structures (MB)':34}{index_bytes:12.1f}{fts5_bytes:12.1f}{index_bytes / fts5_bytes:8.2f}")
    print()
    print(f"{'latency (µs)':14}{'PT p50':>9}{'FTS p50':>9}{'ratio':>7}{'PT p99':>9}{'FTS p99':>9}{'ratio':>7}"
          f"{'hits PT/FTS':>14}  targets")
    for name in queries["classes"]:
        ours, theirs = peacetalks["latency_us"][name], fts5["latency_us"][name]
        p50, f50 = percentile(ours, 0.5), percentile(theirs, 0.5)
        p99, f99 = percentile(ours, 0.99), percentile(theirs, 0.99)
        hits = f"{sum(peacetalks['totals'][name])}/{sum(fts5['totals'][name])}"
        verdict = "ok" if p50 <= 0.5 * f50 and p99 <= f99 else "MISSED"
        print(f"{name:14}{p50:9.1f}{f50:9.1f}{p50 / f50:7.2f}{p99:9.1f}{f99:9.1f}{p99 / f99:7.2f}{hits:>14}  {verdict}")
    print()
    print(f"{'Arabic entity query':24}{'scan':>8}{'PeaceTalks':>12}{'FTS5':>8}  PeaceTalks ⊇ scan")
    for entity, found, fts, scanned in zip(queries["entities"], peacetalks["entity_totals"], fts5["entity_totals"],
                                           scan["entity_totals"]):
        print(f"{entity['query']:24}{scanned:8}{found:12}{fts:8}  {'yes' if found >= scanned else 'NO'}")


if __name__ == "__main__":
    main()
