"""Drives each HTTP server of the comparison with wrk and prints one table (run through run.sh).

Every server listens on 127.0.0.1 only and is started, warmed up, measured at each connection
count, and stopped before the next one starts. Options:

  --duration S     seconds of each measured wrk run (default 10)
  --warmup S       seconds of the unmeasured wrk run before each server's measurements (default 5)
  --connections L  comma-separated connection counts (default 50,1000)
  --threads N      wrk threads (default 2)
  --only NAMES     comma-separated subset of: asyncj,asyncj-jdk25,fastapi,fastapi-uvloop,vthreads

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


def run_wrk(port, connections, seconds, threads):
    cmd = ["wrk", "-t%d" % threads, "-c%d" % connections, "-d%ds" % seconds, "--latency",
           "http://127.0.0.1:%d/" % port]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    result = {"raw": out}
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--connections", default="50,1000")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", default="")
    opts = ap.parse_args()
    counts = [int(c) for c in opts.connections.split(",")]
    only = set(filter(None, opts.only.split(",")))
    if not os.path.exists(JAR):
        sys.exit("missing %s: build with 'mvn -B -q -DskipTests -pl web -am package'" % JAR)
    logs = os.path.join(ROOT, "bench", "target", "http")
    os.makedirs(logs, exist_ok=True)

    started = time.strftime("%Y-%m-%d %H:%M %Z")
    load_before = load_average()
    rows = []
    for key, label, command, cwd in servers():
        if only and key not in only:
            continue
        port = free_port()
        log = open(os.path.join(logs, key + ".log"), "w")
        proc = subprocess.Popen(command(port), cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        try:
            body = wait_ready(port, proc)
            print("%s: GET / -> %s" % (label, body.decode()), file=sys.stderr)
            run_wrk(port, max(counts), opts.warmup, opts.threads)  # warm-up, not counted
            for c in counts:
                r = run_wrk(port, c, opts.duration, opts.threads)
                with open(os.path.join(logs, "%s-%d.txt" % (key, c)), "w") as f:
                    f.write(r["raw"])
                r["load"] = "%.1f" % os.getloadavg()[0]
                rows.append((key, label, c, r))
                print("  %5d connections: %.0f req/s, p50 %s, p99 %s, errors %s, load %s"
                      % (c, r["rps"], fmt_ms(r["p50"]), fmt_ms(r["p99"]), r["errors"],
                         r["load"]), file=sys.stderr)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()

    print()
    print("%s; machine: %d cores; wrk %d threads, %d s per run after a %d s warm-up; 127.0.0.1"
          % (started, os.cpu_count(), opts.threads, opts.duration, opts.warmup))
    print("load average (1/5/15 min): %s before, %s after" % (load_before, load_average()))
    print()
    print("| server | connections | requests/s | p50 | p99 | errors | load (1 min) after |")
    print("|---|---|---|---|---|---|---|")
    for key, label, c, r in rows:
        print("| %s | %d | %s | %s | %s | %s | %s |"
              % (label, c, "{:,.0f}".format(r["rps"]), fmt_ms(r["p50"]), fmt_ms(r["p99"]),
                 r["errors"], r["load"]))
    by = {(key, c): r for key, _, c, r in rows}
    print()
    for c in counts:
        a, f, v = by.get(("asyncj", c)), by.get(("fastapi", c)), by.get(("vthreads", c))
        u = by.get(("fastapi-uvloop", c))
        parts = []
        if a and f and f["rps"]:
            parts.append("asyncj/FastAPI requests/s %.1f×, p99 %s vs %s"
                         % (a["rps"] / f["rps"], fmt_ms(a["p99"]), fmt_ms(f["p99"])))
        if a and u and u["rps"]:
            parts.append("asyncj/FastAPI-uvloop %.1f×, p99 %s vs %s"
                         % (a["rps"] / u["rps"], fmt_ms(a["p99"]), fmt_ms(u["p99"])))
        if a and v and v["rps"]:
            parts.append("asyncj/virtual threads %.2f×, p99 %s vs %s"
                         % (a["rps"] / v["rps"], fmt_ms(a["p99"]), fmt_ms(v["p99"])))
        if parts:
            print("%d connections: %s" % (c, "; ".join(parts)))


if __name__ == "__main__":
    main()
