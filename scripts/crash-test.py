#!/usr/bin/env python3
"""Crash test: every write the server acknowledged (2xx) survives `kill -9`.

Each cycle drives bounded concurrent creates (PUT), patches and deletes of participants against a server with a
data directory, records every acknowledged result, kills the server with SIGKILL at a random moment, restarts it
on the same directory and checks: /ready is 200, every acknowledged write is there with the acknowledged content
(deletes stay deleted; a write in flight at the kill may have landed or not), and the participant list is whole
(paging visits `total` items, each exactly once). Usage: crash-test.py BINARY SEEDS_DIR [CYCLES] [SEED]
"""
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

KEY = "crash-test-key-0123456789"
WRITERS = 8
MAX_OPS_PER_WRITER = 300


def start(binary, data_dir, seeds):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEACETALKS_")}
    env["PEACETALKS_API_KEYS"] = KEY
    process = subprocess.Popen(
        [binary, "serve", "--port", "0", "--data-dir", data_dir, "--seeds-dir", seeds, "--log-level", "error"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    line = process.stdout.readline().decode()
    if "listening on http://127.0.0.1:" not in line:
        process.kill()
        raise SystemExit("server did not start: " + line + process.stderr.read().decode())
    port = int(line.rsplit(":", 1)[1].strip().rstrip("/"))
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            if request(port, "GET", "/ready")[0] == 200:
                return process, port
        except OSError:
            pass
        time.sleep(0.02)
    process.kill()
    raise SystemExit("server never became ready: " + process.communicate()[1].decode())


def request(port, method, path, body=None, connection=None, content_type="application/json"):
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Authorization": "Bearer " + KEY}
    if body is not None:
        headers["Content-Type"] = content_type
    try:
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        if own:
            connection.close()


class Ledger:
    """Per id: the acknowledged state (a JSON body, or None for deleted) and states a lost answer may have left."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acked = {}
        self.maybe = {}
        self.writes = 0

    def ack(self, rid, state):
        with self.lock:
            self.acked[rid] = state
            self.maybe.pop(rid, None)
            self.writes += 1

    def in_flight(self, rid, state):
        with self.lock:
            self.maybe.setdefault(rid, []).append(state)


def writer(port, number, cycle, ledger, stop):
    rng = random.Random(cycle * 1000 + number)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    mine = []
    for op in range(MAX_OPS_PER_WRITER):
        if stop.is_set():
            return
        choice = rng.random()
        try:
            if choice < 0.55 or not mine:
                rid = f"c{cycle}-w{number}-{op}"
                body = {"kind": "person", "name": {"en": f"Person {rid}"}, "aliases": [f"alias {op}"]}
                ledger.in_flight(rid, "present")
                status, data = request(port, "PUT", f"/v1/participants/{rid}", body, connection)
                if status in (200, 201):
                    ledger.ack(rid, json.loads(data))
                    mine.append(rid)
            elif choice < 0.85:
                rid = rng.choice(mine)
                role = f"role {cycle}-{op}"
                ledger.in_flight(rid, {"role": role})
                status, data = request(port, "PATCH", f"/v1/participants/{rid}", {"role": {"en": role}}, connection,
                                       "application/merge-patch+json")
                if 200 <= status < 300:
                    ledger.ack(rid, json.loads(data))
            else:
                rid = mine.pop(rng.randrange(len(mine)))
                ledger.in_flight(rid, None)
                status, _ = request(port, "DELETE", f"/v1/participants/{rid}", None, connection)
                if 200 <= status < 300:
                    ledger.ack(rid, None)
        except (OSError, http.client.HTTPException):
            return  # the server was killed: this request's outcome is unknown (recorded as in flight)


def acceptable(found, acked, maybe):
    candidates = [acked] + maybe
    for state in candidates:
        if state is None and found is None:
            return True
        if state == "present" and found is not None:
            return True
        if isinstance(state, dict) and found is not None:
            if "created_at" in state and found == state:
                return True
            if "role" in state and "created_at" not in state and found.get("role") == {"en": state["role"]}:
                return True
    return False


def check(port, ledger):
    assert request(port, "GET", "/ready")[0] == 200, "/ready is not 200 after restart"
    checked = 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for rid, state in ledger.acked.items():
        status, data = request(port, "GET", f"/v1/participants/{rid}", connection=connection)
        found = json.loads(data) if status == 200 else None
        if status not in (200, 404):
            raise SystemExit(f"GET {rid}: {status}")
        if not acceptable(found, state, ledger.maybe.get(rid, [])):
            raise SystemExit(f"LOST: {rid} acknowledged as {state}, found {found}")
        checked += 1
    seen, cursor, total = [], None, None
    while True:
        path = "/v1/participants?limit=100" + (f"&cursor={cursor}" if cursor else "")
        status, data = request(port, "GET", path, connection=connection)
        assert status == 200, f"list: {status}"
        page = json.loads(data)
        total = page["total"]
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    listed = set(seen)
    if len(seen) != total or len(listed) != len(seen):
        raise SystemExit(f"list not whole: total {total}, walked {len(seen)} ({len(set(seen))} distinct)")
    for rid, state in ledger.acked.items():
        if state is not None and rid not in ledger.maybe and rid not in listed:
            raise SystemExit(f"list misses {rid}")
    connection.close()
    return checked


def main():
    binary, seeds = sys.argv[1], sys.argv[2]
    cycles = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else time.time_ns())
    data_dir = tempfile.mkdtemp(prefix="peacetalks-crash-")
    ledger = Ledger()
    process, port = start(binary, data_dir, seeds)
    checks = 0
    try:
        for cycle in range(cycles):
            stop = threading.Event()
            threads = [threading.Thread(target=writer, args=(port, n, cycle, ledger, stop)) for n in range(WRITERS)]
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(0.1, 0.8))
            process.send_signal(signal.SIGKILL)
            process.wait()
            stop.set()
            for thread in threads:
                thread.join(15)
            process, port = start(binary, data_dir, seeds)
            checks += check(port, ledger)
            print(f"cycle {cycle + 1}/{cycles}: {ledger.writes} acknowledged writes so far, all present", flush=True)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(15)
        subprocess.run(["rm", "-rf", data_dir])
    print(f"crash test passed: {cycles} kill -9 cycles, {ledger.writes} acknowledged writes, "
          f"{checks} checks of acknowledged state")


if __name__ == "__main__":
    main()
