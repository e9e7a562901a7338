#!/usr/bin/env python3
"""Print run.sh's table from its results file: the median of each cell's runs, and the ratios.

Usage: report.py RESULTS_TSV
Each line: endpoint, conns, server, run, requests/s, p50 µs, p99 µs, errors (tab-separated).
"""
import statistics
import sys
from collections import defaultdict

ORDER = {"health": 0, "article": 1, "list": 2}


def milliseconds(microseconds):
    return f"{microseconds / 1000:.2f}"


def main():
    cells = defaultdict(list)
    for line in open(sys.argv[1], encoding="utf-8"):
        endpoint, conns, server, _run, rps, p50, p99, errors = line.rstrip("\n").split("\t")
        cells[(endpoint, int(conns), server)].append((float(rps), float(p50), float(p99), int(errors)))

    medians = {
        key: (
            statistics.median(run[0] for run in runs),
            statistics.median(run[1] for run in runs),
            statistics.median(run[2] for run in runs),
            sum(run[3] for run in runs),
            len(runs),
        )
        for key, runs in cells.items()
    }
    header = (
        "endpoint", "conns", "server", "req/s", "p50 ms", "p99 ms", "vs hummingbird", "vs nginx", "vs ceiling", "errors",
    )
    rows = []
    for (endpoint, conns, server), (rps, p50, p99, errors, _) in sorted(
        medians.items(), key=lambda item: (ORDER.get(item[0][0], 9), item[0][0], item[0][1])
    ):
        def ratio(peer):
            base = medians.get((endpoint, conns, peer))
            return f"{rps / base[0]:.2f}x" if base and base[0] > 0 else "-"

        rows.append((
            endpoint, str(conns), server, f"{rps:,.0f}", milliseconds(p50), milliseconds(p99),
            ratio("hummingbird"), ratio("nginx") if server == "peacetalks" else "",
            ratio("ceiling") if server == "peacetalks" else "", str(errors) if errors else "",
        ))
    widths = [max(len(row[i]) for row in rows + [header]) for i in range(len(header))]
    right = {1, 3, 4, 5, 6, 7, 8, 9}
    for row in [header] + rows:
        print("  ".join(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)))
    runs = {value[4] for value in medians.values()}
    print(f"\nreq/s, p50 and p99 are medians of {'/'.join(map(str, sorted(runs)))} run(s) per cell; ratios are of "
          "median req/s at the same endpoint and connection count; errors sums wrk's socket and non-2xx errors.")


if __name__ == "__main__":
    main()
