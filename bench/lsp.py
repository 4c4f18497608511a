#!/usr/bin/env python3
"""Latency of `stratc lsp` on a generated repository, as an editor sees it.

    python3 bench/lsp.py STRATC ROOT [--edits N]

Starts the server on ROOT, waits for the first load, then edits one
initiative N times, alternating a dangling reference and its fix, and
times each didChange until the publishDiagnostics for that file arrives
(every edit changes that file's diagnostics, so each one is published).
Then times hover and completion requests, and reads the server's memory
from /proc. Prints one line of figures per measure. Standard library only.
"""

import json
import os
import statistics
import subprocess
import sys
import time


def main():
    stratc, root = sys.argv[1], os.path.realpath(sys.argv[2])
    edits = int(sys.argv[sys.argv.index("--edits") + 1]) if "--edits" in sys.argv else 60
    t0 = time.perf_counter()
    subprocess.run([stratc, "check", root], stdout=subprocess.DEVNULL, check=False)
    print(f"stratc check (for comparison): {time.perf_counter() - t0:.2f} s")
    # The server logs each check's phase timings (window/logMessage).
    env = dict(os.environ, STRATC_LSP_TIMINGS="1")
    server = subprocess.Popen([stratc, "lsp"], cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    checks = []
    next_id = [0]

    def send(message):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def receive():
        length = None
        while True:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("the server closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message = json.loads(server.stdout.read(length))
        if message.get("method") == "window/logMessage" and message["params"]["message"].startswith("check: "):
            checks.append(message["params"]["message"][len("check: "):])
        return message

    def request(method, params):
        next_id[0] += 1
        send({"jsonrpc": "2.0", "id": next_id[0], "method": method, "params": params})
        while True:
            m = receive()
            if m.get("id") == next_id[0] and "method" not in m:
                return m

    def notify(method, params):
        send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for_diagnostics(uri):
        while True:
            m = receive()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return m["params"]["diagnostics"]

    def memory_mib():
        with open(f"/proc/{server.pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    root_uri = "file://" + root
    start = time.perf_counter()
    request("initialize", {"processId": None, "rootUri": root_uri, "capabilities": {}})
    notify("initialized", {})
    # The server loads the workspace before it reads the next message.
    request("workspace/symbol", {"query": "no-such-id"})
    load_s = time.perf_counter() - start

    # The first initiative file with a one-line `advances: [...]`.
    initiatives = os.path.join(root, "initiatives")
    path = text = None
    for folder, _, files in sorted(os.walk(initiatives)):
        for name in sorted(files):
            candidate = os.path.join(folder, name)
            with open(candidate) as f:
                t = f.read()
            if ("\nadvances: [" in t or "\nadvances:\n  - " in t) and t.count("\n---") == 0:
                path, text = candidate, t
                break
        if path:
            break
    uri = "file://" + path
    notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    # The generator writes `advances` as a block list; hand-written files
    # often as a flow list. Break the first objective id either way.
    flow = "\nadvances: [" in text
    if flow:
        first = text.split("\nadvances: [", 1)[1].split("]", 1)[0].split(",")[0].strip()
        broken = text.replace(f"advances: [{first}", f"advances: [{first}x", 1)
    else:
        first = text.split("\nadvances:\n  - ", 1)[1].split("\n", 1)[0].strip()
        broken = text.replace(f"advances:\n  - {first}", f"advances:\n  - {first}x", 1)

    latencies = []
    for i in range(edits):
        body = broken if i % 2 == 0 else text
        t0 = time.perf_counter()
        notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": body}]})
        diagnostics = wait_for_diagnostics(uri)
        latencies.append((time.perf_counter() - t0) * 1000)
        assert bool(diagnostics) == (i % 2 == 0), diagnostics

    # Requests on the clean file: hover on the first objective it advances,
    # completion of objective ids inside `advances`.
    lines = text.split("\n")
    if flow:
        row = next(i for i, l in enumerate(lines) if l.startswith("advances: ["))
        col = len("advances: [") + 1
    else:
        row = next(i for i, l in enumerate(lines) if l == "advances:") + 1
        col = len("  - ") + 1
    hover, completion = [], []
    for _ in range(30):
        t0 = time.perf_counter()
        h = request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": row, "character": col}})
        hover.append((time.perf_counter() - t0) * 1000)
        assert h.get("result"), h
        t0 = time.perf_counter()
        c = request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": row, "character": col}})
        completion.append((time.perf_counter() - t0) * 1000)
        assert c["result"]["items"], c
    rss, peak = memory_mib()
    request("shutdown", None)
    notify("exit", None)
    server.wait(timeout=30)

    def figures(name, values):
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"{name}: p50 {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, max {values[-1]:.1f} ms ({len(values)} samples)")

    print(f"initial load: {load_s:.2f} s")
    figures("didChange -> publishDiagnostics", latencies)
    figures("hover", hover)
    figures("completion", completion)
    print(f"memory: {rss:.0f} MiB resident, {peak:.0f} MiB peak")
    # The first check is the initial load; the rest are the edits'.
    phases = {}
    for check in checks[1:]:
        for phase in check.strip().split(", "):
            name, ms, _ = phase.rsplit(" ", 2)
            phases.setdefault(name, []).append(float(ms))
    if phases:
        print("re-check phases (p50): " + ", ".join(f"{n} {statistics.median(v):.1f} ms" for n, v in phases.items()))


if __name__ == "__main__":
    main()
