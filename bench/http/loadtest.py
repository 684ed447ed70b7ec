"""Drives each HTTP server of the comparison with wrk and prints one table (run through run.sh).

Every server listens on 127.0.0.1 only and is started, warmed up, measured at each connection
count, and stopped before the next one starts. Options:

  --duration S     seconds of each measured wrk run (default 10)
  --warmup S       seconds of the unmeasured wrk run before each server's measurements (default 5)
  --rounds N       how many times every server is started and measured (default 3); the table
                   gives the medians, and each round's requests/s
  --connections L  comma-separated connection counts (default 50,1000)
  --threads N      wrk threads (default 2)
  --only NAMES     comma-separated subset of: asyncj,asyncj-jdk25,fastapi,fastapi-uvloop,canned,
                   vthreads
  --settle S       seconds of an unmeasured wrk run at each connection count just before it is
                   measured (default 3), so that the previous count's connections have closed and
                   the server's code for them is compiled: the figures are the steady state's
  --pin S:W        run every server on CPUs S and wrk on CPUs W (taskset lists, e.g. 0:1), as if
                   the load came from another machine; by default they share all CPUs

fastapi-uvloop (the same app on uvicorn with uvloop and httptools, uvicorn[standard]'s choice)
runs when Debian's python3-uvloop and python3-httptools are installed. The virtual-thread server
gets the settings a fair comparison needs: TCP_NODELAY (which asyncj and asyncio set) and room for
every connection to stay idle between requests (the JDK's HttpServer otherwise closes all but 200).
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JAR = os.path.join(ROOT, "web", "target", "asyncj-web.jar")
JDK25 = os.environ.get("JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")


def java17():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return os.path.join(home, "bin", "java")
    return shutil.which("java")


def java_version(java):
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "([^"]+)"', out)
    return m.group(1) if m else "?"


def has_modules(*names):
    code = "import " + ", ".join(names)
    return subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True).returncode == 0


def load_average():
    return "%.2f %.2f %.2f" % os.getloadavg()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def servers():
    j17 = java17()
    j25 = os.path.join(JDK25, "bin", "java")
    yield ("asyncj", "asyncj web (JDK %s)" % java_version(j17),
           lambda port: [j17, "-jar", JAR, "--port", str(port)], ROOT)
    if os.path.exists(j25):
        yield ("asyncj-jdk25", "asyncj web (JDK %s)" % java_version(j25),
               lambda port: [j25, "-jar", JAR, "--port", str(port)], ROOT)
    yield ("fastapi", "FastAPI + uvicorn (1 worker)",
           lambda port: ["/usr/bin/python3", "-m", "uvicorn", "fastapi_app:app", "--host",
                         "127.0.0.1", "--port", str(port), "--no-access-log",
                         "--log-level", "warning"], HERE)
    if has_modules("uvloop", "httptools"):
        yield ("fastapi-uvloop", "FastAPI + uvicorn, uvloop + httptools (1 worker)",
               lambda port: ["/usr/bin/python3", "-m", "uvicorn", "fastapi_app:app", "--host",
                             "127.0.0.1", "--port", str(port), "--no-access-log",
                             "--log-level", "warning", "--loop", "uvloop", "--http",
                             "httptools"], HERE)
    yield ("canned", "floor: canned bytes, no HTTP (JDK %s, CannedServer.java)" % java_version(j17),
           lambda port: [j17, os.path.join(HERE, "CannedServer.java"), str(port)], HERE)
    if os.path.exists(j25):
        yield ("vthreads", "JDK %s HttpServer, virtual threads" % java_version(j25),
               lambda port: [j25, "-Dsun.net.httpserver.nodelay=true",
                             "-Dsun.net.httpserver.maxIdleConnections=10000",
                             os.path.join(HERE, "VtServer.java"), str(port)], HERE)


def wait_ready(port, proc, limit=60):
    deadline = time.time() + limit
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited with %s" % proc.returncode)
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=2) as r:
                return r.read()
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server on port %d not ready after %d s" % (port, limit))


def to_ms(text):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    value, unit = float(m.group(1)), m.group(2)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


PIN = {"server": [], "wrk": []}  # taskset prefixes, set by --pin


def run_wrk(port, connections, seconds, threads):
    cmd = PIN["wrk"] + ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency",
           "http://127.0.0.1:%d/" % port]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    result = {"raw": out}
    m = re.search(r"(\d+) requests in", out)
    result["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    result["rps"] = float(m.group(1)) if m else 0.0
    for pct in ("50", "99"):
        m = re.search(r"^\s+%s%%\s+(\S+)" % pct, out, re.M)
        result["p" + pct] = to_ms(m.group(1)) if m else None
    errors = []
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        for name, n in zip(("connect", "read", "write", "timeout"), m.groups()):
            if int(n):
                errors.append("%s %s" % (n, name))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors.append("%s non-2xx" % m.group(1))
    result["errors"] = ", ".join(errors) if errors else "—"
    return result


def fmt_ms(ms):
    if ms is None:
        return "?"
    return "%.2f ms" % ms if ms < 100 else "%.0f ms" % ms


def cpu_seconds(pid):
    """User and system CPU time of process pid so far, in seconds (Linux /proc)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def measure(key, label, command, cwd, counts, opts, logs, round_no):
    """Starts one server, warms it up, measures it at each connection count, stops it."""
    port = free_port()
    log = open(os.path.join(logs, "%s-round%d.log" % (key, round_no)), "w")
    proc = subprocess.Popen(PIN["server"] + command(port), cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    results = {}
    try:
        body = wait_ready(port, proc)
        print("round %d, %s: GET / -> %s" % (round_no, label, body.decode()), file=sys.stderr)
        run_wrk(port, max(counts), opts.warmup, opts.threads)  # warm-up, not counted
        for c in counts:
            if opts.settle:
                time.sleep(1)
                run_wrk(port, c, opts.settle, opts.threads)  # settling, not counted
            cpu_before = cpu_seconds(proc.pid)
            r = run_wrk(port, c, opts.duration, opts.threads)
            cpu_after = cpu_seconds(proc.pid)
            if cpu_before is not None and cpu_after is not None and r["requests"]:
                r["cpu_us"] = (cpu_after - cpu_before) * 1e6 / r["requests"]
            else:
                r["cpu_us"] = None
            r["load"] = os.getloadavg()[0]
            with open(os.path.join(logs, "%s-%d-round%d.txt" % (key, c, round_no)), "w") as f:
                f.write(r["raw"])
            results[c] = r
            print("  %5d connections: %.0f req/s, p50 %s, p99 %s, server CPU %s/request, "
                  "errors %s, load %.1f"
                  % (c, r["rps"], fmt_ms(r["p50"]), fmt_ms(r["p99"]), fmt_us(r["cpu_us"]),
                     r["errors"], r["load"]), file=sys.stderr)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    return results


def fmt_us(us):
    return "?" if us is None else "%.1f µs" % us


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", default="50,1000")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", default="")
    ap.add_argument("--settle", type=int, default=3)
    ap.add_argument("--pin", default="")
    opts = ap.parse_args()
    if opts.pin:
        server_cpus, _, wrk_cpus = opts.pin.partition(":")
        if not server_cpus or not wrk_cpus or not shutil.which("taskset"):
            sys.exit("--pin wants SERVER_CPUS:WRK_CPUS, e.g. 0:1, and taskset (util-linux)")
        PIN["server"] = ["taskset", "-c", server_cpus]
        PIN["wrk"] = ["taskset", "-c", wrk_cpus]
    counts = [int(c) for c in opts.connections.split(",")]
    only = set(filter(None, opts.only.split(",")))
    if not os.path.exists(JAR):
        sys.exit("missing %s: build with 'mvn -B -q -DskipTests -pl web -am package'" % JAR)
    logs = os.path.join(ROOT, "bench", "target", "http")
    os.makedirs(logs, exist_ok=True)

    contenders = [s for s in servers() if not only or s[0] in only]
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    load_before = load_average()
    runs = {}  # (key, connections) -> one result per round
    for round_no in range(1, opts.rounds + 1):
        # Each round starts with another server, so that a busy spell of the machine does not
        # always fall on the same one.
        shift = (round_no - 1) % len(contenders)
        for key, label, command, cwd in contenders[shift:] + contenders[:shift]:
            for c, r in measure(key, label, command, cwd, counts, opts, logs, round_no).items():
                runs.setdefault((key, c), []).append(r)

    rows = []
    for key, label, _, _ in contenders:
        for c in counts:
            rs = runs.get((key, c), [])
            errors = [r["errors"] for r in rs if r["errors"] != "—"]
            rows.append((key, label, c, {
                "rps": median([r["rps"] for r in rs]),
                "p50": median([r["p50"] for r in rs]),
                "p99": median([r["p99"] for r in rs]),
                "cpu_us": median([r["cpu_us"] for r in rs]),
                "rounds": " / ".join("{:,.0f}".format(r["rps"]) for r in rs),
                "errors": "; ".join(errors) if errors else "—",
                "load": "%.1f–%.1f" % (min(r["load"] for r in rs), max(r["load"] for r in rs)),
            }))

    print()
    print("%s; machine: %d cores; wrk %d threads, %d s per run after a %d s warm-up and %d s at its"
          " connection count, %d rounds;"
          " 127.0.0.1%s" % (started, os.cpu_count(), opts.threads, opts.duration, opts.warmup,
                            opts.settle, opts.rounds,
                            "; servers pinned to CPUs %s, wrk to CPUs %s"
                            % (PIN["server"][2], PIN["wrk"][2]) if opts.pin else ""))
    print("load average (1/5/15 min): %s before, %s after" % (load_before, load_average()))
    print("Figures are medians of the rounds; server CPU is the server process's user + system"
          " time per request.")
    print()
    print("| server | connections | requests/s | p50 | p99 | server CPU per request "
          "| requests/s in each round | errors | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key, label, c, r in rows:
        print("| %s | %d | %s | %s | %s | %s | %s | %s | %s |"
              % (label, c, "{:,.0f}".format(r["rps"] or 0), fmt_ms(r["p50"]), fmt_ms(r["p99"]),
                 fmt_us(r["cpu_us"]), r["rounds"], r["errors"], r["load"]))
    by = {(key, c): r for key, _, c, r in rows}
    print()
    for c in counts:
        a = by.get(("asyncj", c))
        parts = []
        for other, name in (("fastapi", "FastAPI"), ("fastapi-uvloop", "FastAPI-uvloop"),
                            ("vthreads", "virtual threads"), ("canned", "floor")):
            o = by.get((other, c))
            if a and o and o["rps"]:
                parts.append("asyncj/%s requests/s %.2f×, p99 %s vs %s, its CPU per request"
                             " %.2f× asyncj's" % (name, a["rps"] / o["rps"], fmt_ms(a["p99"]),
                                                 fmt_ms(o["p99"]),
                                                 (o["cpu_us"] or 0) / a["cpu_us"]
                                                 if a["cpu_us"] else 0))
        if parts:
            print("%d connections: %s" % (c, "; ".join(parts)))


if __name__ == "__main__":
    main()
