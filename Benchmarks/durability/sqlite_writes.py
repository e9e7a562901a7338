#!/usr/bin/env python3
"""SQLite side of the durability benchmark: WAL, synchronous=FULL, one ~3 KB JSON insert per transaction, from
WRITERS threads (each its own connection) for SECONDS. Prints one JSON line: commits/s, p50 and p99 in ms.
Usage: sqlite_writes.py DATABASE WRITERS SECONDS"""
import json
import sqlite3
import sys
import threading
import time

path, writers, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
setup = sqlite3.connect(path)
setup.execute("PRAGMA journal_mode=WAL")
setup.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, json TEXT NOT NULL)")
setup.commit()
setup.close()
text = "Delegations met in Astana to discuss the ceasefire and the next round. " * 42
latencies = []
lock = threading.Lock()
deadline = time.perf_counter() + seconds


def run(number):
    connection = sqlite3.connect(path, timeout=60, isolation_level=None)
    connection.execute("PRAGMA synchronous=FULL")
    mine = []
    count = 0
    while time.perf_counter() < deadline:
        count += 1
        rid = f"w{writers}-t{number}-{count}"
        document = json.dumps({"id": rid, "title": f"Article {rid}", "body": text, "language": "en",
                               "source": "bench"})
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO articles VALUES (?, ?)", (rid, document))
        connection.execute("COMMIT")
        mine.append(time.perf_counter() - start)
    connection.close()
    with lock:
        latencies.extend(mine)


began = time.perf_counter()
threads = [threading.Thread(target=run, args=(n,)) for n in range(writers)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed = time.perf_counter() - began
latencies.sort()


def percentile(p):
    return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000


print(json.dumps({"requests": len(latencies), "per_second": round(len(latencies) / elapsed, 1),
                  "p50_ms": round(percentile(50), 3), "p99_ms": round(percentile(99), 3)}))
