#!/usr/bin/env python3
"""Runs asyncj's benchmarks beside Python asyncio, JDK 25 virtual threads, CompletableFuture and EA
Async, and prints one table of figures and ratios. Started by bench/run.sh; see bench/README.md.

  --short    every scenario, small sizes, one process per figure (a few minutes)   [default]
  --full     the sizes of the issue, 3 processes per figure, JMH with 2 forks; writes
             bench/results/latest.md (about 20-35 minutes on 2 shared cores)
  --profile  JMH's gc and stack profilers on asyncj's microbenchmarks, and JFR on asyncj's macro
             scenarios and on javac with the processor; writes bench/results/profile.md
  --only 1,3 only these scenarios (1 fast path, 2 switch, 3 sleepers, 4 fan-out, 5 tutorial,
             6 compile time, 7 EA Async probe)
  --no-build use what bench/target already holds

Measurement definitions follow shared/reference/baselines.md: whole-process figures are cold (one
shot per process) with median/min/max over processes; microbenchmarks are steady state (JMH for
Java, a warm-up pass then a timed pass for Python). Every Java process runs with -Xmx4g.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TARGET = BENCH / "target"
JAR = TARGET / "benchmarks.jar"
VT_CLASSES = TARGET / "vt-classes"
LOGS = TARGET / "logs"
RESULTS = BENCH / "results"
PY = sys.executable  # the interpreter itself, not a version manager's shim in front of it

JAVA_HOME17 = Path(os.environ.get("JAVA_HOME") or Path(os.path.realpath(shutil.which("java") or "/usr/bin/java")).parent.parent)
JAVA17 = str(JAVA_HOME17 / "bin" / "java")
JAVAC17 = str(JAVA_HOME17 / "bin" / "javac")
JDK25 = Path(os.environ.get("JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"))
JAVA25 = str(JDK25 / "bin" / "java")
JAVAC25 = str(JDK25 / "bin" / "javac")
JVM_FLAGS = ["-Xmx4g"]

CONTENDERS = ["asyncj", "python", "vt", "cf", "ea"]
TITLES = {
    "asyncj": "asyncj (JDK 17)",
    "python": "Python asyncio",
    "vt": "virtual threads (JDK 25)",
    "cf": "CompletableFuture (JDK 17)",
    "ea": "EA Async (JDK 17)",
}

MODES = {
    # short: every scenario once, small; full: the issue's sizes, 3 processes per figure.
    "short": dict(runs=1, sleepers=[100_000], fanout=100_000, fan_rounds_java=3, fan_rounds_py=2,
                  py_fast=1_000_000, py_switch=200_000, jmh=dict(f=1, wi=2, i=3),
                  startup_runs=5, compile_runs=1, compile_warmup=0, probe_timeout=8, asyncj_on_25=False),
    "full": dict(runs=3, sleepers=[100_000, 1_000_000], fanout=1_000_000, fan_rounds_java=5,
                 fan_rounds_py=2, py_fast=10_000_000, py_switch=1_000_000,
                 jmh=dict(f=2, wi=5, i=5), startup_runs=10, compile_runs=3, compile_warmup=1,
                 probe_timeout=15, asyncj_on_25=True),
}

STARTED = time.monotonic()
START_LOAD = os.getloadavg()


def log(message):
    print(f"[{time.monotonic() - STARTED:6.0f}s] {message}", flush=True)


# ---------------------------------------------------------------------------------------------
# Figures


class Fig:
    """One figure of one contender: process runs (median/min/max) or a JMH score (± error)."""

    def __init__(self, values=None, jmh=None, note=""):
        self.values = [v for v in (values or []) if v is not None]
        self.jmh = jmh  # dict(score, error, min, max, n)
        self.note = note

    @property
    def value(self):
        if self.jmh:
            return self.jmh["score"]
        return statistics.median(self.values) if self.values else None

    def spread(self):
        if self.jmh:
            j = self.jmh
            return f"± {fmt(j['error'])} (iterations {fmt(j['min'])}–{fmt(j['max'])}, n={j['n']})"
        if not self.values:
            return "—"
        return f"{fmt(min(self.values))}–{fmt(max(self.values))} (runs={len(self.values)})"


FIGS = {}  # (key, contender) -> Fig
FAILURES = []
NOTES = []


def put(key, contender, fig):
    if fig is not None and (fig.values or fig.jmh):
        FIGS[(key, contender)] = fig


def get(key, contender):
    fig = FIGS.get((key, contender))
    return fig.value if fig else None


def fmt(x):
    if x is None:
        return "—"
    if isinstance(x, str):
        return x
    a = abs(x)
    if a < 0.005:
        return "≈0"
    if a >= 1000:
        return f"{x:,.0f}"
    if a >= 100:
        return f"{x:.0f}"
    if a >= 10:
        return f"{x:.1f}"
    if a >= 1:
        return f"{x:.2f}"
    if a >= 0.01:
        return f"{x:.3f}"
    return f"{x:.2g}"


# ---------------------------------------------------------------------------------------------
# Running things


class Out:
    def __init__(self, rc, stdout, stderr, wall, timed_out=False):
        self.rc, self.stdout, self.stderr, self.wall, self.timed_out = rc, stdout, stderr, wall, timed_out
        self.result = {}
        for line in stdout.splitlines():
            if line.startswith("RESULT "):
                self.result = json.loads(line[len("RESULT "):])
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
        self.rss_mib = int(m.group(1)) / 1024 if m else None

    @property
    def ok(self):
        return self.rc == 0 and not self.timed_out


def run(cmd, timeout=900, rss=False, name=None, env=None):
    """Runs one process; with rss, under /usr/bin/time -v for its peak RSS."""
    full = (["/usr/bin/time", "-v"] if rss else []) + [str(c) for c in cmd]
    environment = dict(os.environ, PYTHONIOENCODING="utf-8", **(env or {}))
    t0 = time.monotonic()
    try:
        p = subprocess.run(full, capture_output=True, timeout=timeout, env=environment)
        out = Out(p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace"),
                  time.monotonic() - t0)
    except subprocess.TimeoutExpired as e:
        out = Out(-1, (e.stdout or b"").decode(errors="replace"),
                  (e.stderr or b"").decode(errors="replace"), time.monotonic() - t0, timed_out=True)
    if name:
        LOGS.mkdir(parents=True, exist_ok=True)
        (LOGS / f"{name}.log").write_text(
            f"$ {' '.join(full)}\nrc={out.rc} wall={out.wall:.3f}s timed_out={out.timed_out}\n"
            f"--- stdout\n{out.stdout}\n--- stderr\n{out.stderr[-20000:]}\n")
    if not out.ok and name:
        FAILURES.append(f"{name}: rc={out.rc}{' (timed out)' if out.timed_out else ''}, see {LOGS / (name + '.log')}")
        log(f"  FAILED {name} (rc={out.rc}{', timed out' if out.timed_out else ''})")
    return out


def java_cmd(contender, *args, jvm=()):
    if contender == "asyncj":
        return [JAVA17, *JVM_FLAGS, *jvm, "-cp", JAR, "dev.asyncj.bench.asyncj.AsyncjMain", *args]
    if contender == "cf":
        return [JAVA17, *JVM_FLAGS, *jvm, "-cp", JAR, "dev.asyncj.bench.cf.CfCode", *args]
    if contender == "ea":
        return [JAVA17, *JVM_FLAGS, *jvm, "-cp", JAR, "dev.asyncj.bench.ea.EaCode", *args]
    if contender == "vt":
        return [JAVA25, *JVM_FLAGS, *jvm, "-cp", f"{VT_CLASSES}:{JAR}", "dev.asyncj.bench.vt.VtMain", *args]
    raise ValueError(contender)


def have_jdk25():
    return Path(JAVA25).exists() and Path(JAVAC25).exists()


# ---------------------------------------------------------------------------------------------
# Build


def ensure_time_tool():
    if Path("/usr/bin/time").exists():
        return
    log("/usr/bin/time is missing: installing Debian's 'time' package")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "time"], check=False)
    if not Path("/usr/bin/time").exists():
        subprocess.run(sudo + ["apt-get", "update", "-q"], check=False)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "time"], check=True)


def build():
    # Only bench and what it depends on (runtime, processor), tests neither compiled nor run.
    command = ["mvn", "-B", "-q", "-Pbench", "-Dmaven.test.skip=true", "-pl", "bench", "-am", "package"]
    log("building: " + " ".join(command))
    p = subprocess.run(command, cwd=ROOT,
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.stdout.write(p.stdout[-10000:] + p.stderr[-5000:])
        sys.exit("build failed")
    if have_jdk25():
        log("compiling the virtual-thread sources with JDK 25 (--release 25)")
        shutil.rmtree(VT_CLASSES, ignore_errors=True)
        annprocess = next((TARGET / "annprocess").glob("jmh-generator-annprocess-*.jar"))
        sources = sorted(str(p) for p in (BENCH / "src" / "vt" / "java").rglob("*.java"))
        subprocess.run([JAVAC25, "--release", "25", "-Xlint:all,-processing", "-cp", str(JAR),
                        "-processorpath", f"{annprocess}:{JAR}", "-d", str(VT_CLASSES), *sources],
                       check=True)
    else:
        NOTES.append(f"JDK 25 not found at {JDK25} (set JDK25_HOME): virtual threads skipped.")


# ---------------------------------------------------------------------------------------------
# Scenarios


def jmh(name, java, classpath, regex, cfg, profilers=("gc",), extra=()):
    """Runs JMH; returns {benchmark method: (score, error, min, max, n, alloc_norm)}."""
    out_json = LOGS / f"jmh-{name}.json"
    LOGS.mkdir(parents=True, exist_ok=True)
    cmd = [java, "-cp", classpath, "org.openjdk.jmh.Main", regex, "-f", cfg["f"], "-wi", cfg["wi"],
           "-i", cfg["i"], "-w", "1s", "-r", "1s", "-foe", "true", "-rf", "json", "-rff", out_json]
    for prof in profilers:
        cmd += ["-prof", prof]
    cmd += list(extra)
    out_json.unlink(missing_ok=True)
    out = run(cmd, timeout=3600, name=f"jmh-{name}")
    results = {}
    if not out_json.exists():
        return results
    for b in json.loads(out_json.read_text()):
        method = b["benchmark"].rsplit(".", 1)[1]
        pm = b["primaryMetric"]
        raw = [x for fork in pm.get("rawData", []) for x in fork]
        alloc = None
        for key, metric in b.get("secondaryMetrics", {}).items():
            if key.endswith("gc.alloc.rate.norm"):
                alloc = dict(score=metric["score"], error=metric.get("scoreError") or 0,
                             min=min(x for f in metric["rawData"] for x in f),
                             max=max(x for f in metric["rawData"] for x in f), n=len(raw))
        err = pm.get("scoreError")
        results[method] = dict(
            time=dict(score=pm["score"], error=0 if err in (None, "NaN") or err != err else err,
                      min=min(raw) if raw else pm["score"], max=max(raw) if raw else pm["score"], n=len(raw)),
            alloc=alloc)
    return results


def put_jmh(results, method, key, contender):
    r = results.get(method)
    if r:
        put(f"{key}.ns", contender, Fig(jmh=r["time"]))
        if r["alloc"]:
            put(f"{key}.alloc", contender, Fig(jmh=r["alloc"]))


def scenario_micro(mode, cfg, which):
    """Scenarios 1 and 2 (JMH for Java; Python's steady-state loops)."""
    jcfg = {k: str(v) for k, v in cfg["jmh"].items()}
    if 1 in which:
        log("1. await fast path: JMH, asyncj / CompletableFuture / EA Async (JDK 17)")
        r = jmh("fastpath", JAVA17, str(JAR), r"micro\.FastPathBench\.", jcfg)
        put_jmh(r, "asyncj", "fast.inl", "asyncj")
        put_jmh(r, "asyncjNotInlined", "fast.noinl", "asyncj")
        put_jmh(r, "completableFuture", "fast.inl", "cf")
        put_jmh(r, "completableFutureNotInlined", "fast.noinl", "cf")
        put_jmh(r, "eaAsync", "fast.inl", "ea")
        put_jmh(r, "eaAsyncNotInlined", "fast.noinl", "ea")
        if have_jdk25():
            log("1. await fast path: JMH, virtual threads' plain call (JDK 25)")
            r = jmh("fastpath-vt", JAVA25, f"{VT_CLASSES}:{JAR}", r"vt\.VtBench\.plainCall", jcfg)
            put_jmh(r, "plainCall", "fast.inl", "vt")
            put_jmh(r, "plainCallNotInlined", "fast.noinl", "vt")
            if cfg["asyncj_on_25"]:
                log("1. await fast path: JMH, asyncj on JDK 25")
                r = jmh("fastpath-asyncj25", JAVA25, str(JAR), r"micro\.FastPathBench\.asyncj", dict(jcfg, f="1"))
                put_jmh(r, "asyncj", "fast.inl.jdk25", "asyncj")
                put_jmh(r, "asyncjNotInlined", "fast.noinl.jdk25", "asyncj")
        log(f"1. await fast path: Python, {cfg['py_fast']:,} awaits x {cfg['runs']} processes")
        awaits, calls = [], []
        for i in range(cfg["runs"]):
            out = run([PY, BENCH / "python" / "fastpath.py", cfg["py_fast"]], name=f"py-fastpath-{i}")
            awaits.append(out.result.get("await_f"))
            calls.append(out.result.get("sync_call_g"))
        # CPython inlines nothing: the same figure stands in both rows.
        put("fast.inl.ns", "python", Fig(awaits))
        put("fast.noinl.ns", "python", Fig(awaits))
        put("fast.pycall.ns", "python", Fig(calls))
    if 2 in which:
        log("2. switch: JMH, asyncj sleep(0), Queue and Event ping-pong (JDK 17)")
        r = jmh("switch", JAVA17, str(JAR), r"micro\.SwitchBench\.", jcfg)
        put_jmh(r, "asyncjSleep0", "switch", "asyncj")
        put_jmh(r, "asyncjQueue", "switch.queue", "asyncj")
        put_jmh(r, "asyncjEvent", "switch.event", "asyncj")
        if have_jdk25():
            log("2. switch: JMH, virtual threads park/unpark and SynchronousQueue (JDK 25)")
            r = jmh("switch-vt", JAVA25, f"{VT_CLASSES}:{JAR}",
                    r"vt\.VtBench\.(parkUnpark|synchronousQueue)", jcfg)
            put_jmh(r, "parkUnparkOneCarrier", "switch", "vt")
            put_jmh(r, "parkUnpark", "switch.vt2", "vt")
            put_jmh(r, "synchronousQueue", "switch.sq", "vt")
            if cfg["asyncj_on_25"]:
                log("2. switch: JMH, asyncj on JDK 25")
                r = jmh("switch-asyncj25", JAVA25, str(JAR), r"micro\.SwitchBench\.asyncjSleep0", dict(jcfg, f="1"))
                put_jmh(r, "asyncjSleep0", "switch.jdk25", "asyncj")
        log(f"2. switch: Python, {cfg['py_switch']:,} switches x {cfg['runs']} processes")
        shapes = {"sleep0": "switch.ns", "queue": "switch.queue.ns", "event": "switch.event.ns"}
        figures = {shape: [] for shape in shapes}
        for i in range(cfg["runs"]):
            for shape in shapes:
                out = run([PY, BENCH / "python" / "switch.py", cfg["py_switch"], shape],
                          name=f"py-switch-{shape}-{i}")
                figures[shape].append(out.result.get(f"{shape}_switch"))
        for shape, key in shapes.items():
            put(key, "python", Fig(figures[shape]))


def sleepers_cmd(contender, n, seconds):
    if contender == "python":
        return [PY, BENCH / "python" / "sleepers.py", n, seconds]
    return java_cmd(contender, "sleepers", n, seconds)


def scenario_sleepers(cfg):
    contenders = [c for c in CONTENDERS if c != "vt" or have_jdk25()]
    runs = cfg["runs"]
    log(f"3. many sleepers: empty runs (RSS baseline), {runs} per contender")
    empty = {c: [] for c in contenders}
    for i in range(runs):
        for c in contenders:
            out = run(sleepers_cmd(c, 0, 1), rss=True, name=f"sleepers-{c}-0-{i}")
            if out.ok:
                empty[c].append(out.rss_mib)
    for c in contenders:
        put("sleep.0.rss", c, Fig(empty[c]))
    for n in cfg["sleepers"]:
        log(f"3. many sleepers: {n:,} x sleep(1), gathered; {runs} processes per contender")
        figs = {c: {k: [] for k in ("run_wall", "proc_wall", "suspended", "rss", "rss_per_task",
                                    "wake_span", "last_wake_late", "live")} for c in contenders}
        for i in range(runs):
            for c in contenders:
                out = run(sleepers_cmd(c, n, 1), rss=True, name=f"sleepers-{c}-{n}-{i}")
                if not out.ok or not out.result:
                    continue
                f = figs[c]
                f["run_wall"].append(out.result.get("run_wall"))
                f["proc_wall"].append(out.wall)
                f["suspended"].append(out.result.get("suspended"))
                f["wake_span"].append(out.result.get("wake_span"))
                f["last_wake_late"].append(out.result.get("last_wake_late"))
                f["rss"].append(out.rss_mib)
                if empty[c] and out.rss_mib:
                    f["rss_per_task"].append((out.rss_mib - statistics.median(empty[c])) * 1024 * 1024 / n)
            for c in contenders:
                if c == "python":
                    continue
                out = run(java_cmd(c, "sleepers-live", n), name=f"sleepers-live-{c}-{n}-{i}")
                if out.ok and out.result:
                    figs[c]["live"].append(out.result.get("live_heap_per_task"))
        for c in contenders:
            f = figs[c]
            put(f"sleep.{n}.run_wall", c, Fig(f["run_wall"]))
            put(f"sleep.{n}.proc_wall", c, Fig(f["proc_wall"]))
            put(f"sleep.{n}.suspended", c, Fig(f["suspended"]))
            put(f"sleep.{n}.wake_span", c, Fig(f["wake_span"]))
            put(f"sleep.{n}.last_wake_late", c, Fig(f["last_wake_late"]))
            put(f"sleep.{n}.rss", c, Fig(f["rss"]))
            put(f"sleep.{n}.rss_per_task", c, Fig(f["rss_per_task"]))
            put(f"sleep.{n}.live", c, Fig(f["live"]))


def scenario_fanout(cfg):
    n = cfg["fanout"]
    # No CompletableFuture row (none in the baselines either): fanning out needs an executor, and on
    # 2 cores both obvious ones are pathological, 100,000 x supplyAsync(() -> 1) taking 21 s with the
    # default (a new thread per task, since the common pool's parallelism is 1) and 24-36 s with
    # commonPool() named (the one worker parks and is unparked for every task).
    contenders = ["asyncj", "python"] + (["vt"] if have_jdk25() else [])
    log(f"4. fan-out: {n:,} trivial tasks created and gathered; {cfg['runs']} processes per contender")
    cold = {c: [] for c in contenders}
    warm = {c: [] for c in contenders}
    for i in range(cfg["runs"]):
        for c in contenders:
            if c == "python":
                cmd = [PY, BENCH / "python" / "fanout.py", n, cfg["fan_rounds_py"]]
            else:
                cmd = java_cmd(c, "fanout", n, cfg["fan_rounds_java"])
            out = run(cmd, name=f"fanout-{c}-{n}-{i}")
            if out.ok and out.result:
                cold[c].append(out.result.get("cold"))
                warm[c].append(out.result.get("warm"))
    for c in contenders:
        put("fanout.cold", c, Fig(cold[c]))
        put("fanout.warm", c, Fig(warm[c]))
    NOTES.append("Fan-out: no CompletableFuture row: on 2 cores, 100,000 x supplyAsync(() -> 1) took 21 s "
                 "(the default async executor is a new thread per task when the common pool's parallelism "
                 "is 1) and 24-36 s with commonPool() named (its one worker is parked and unparked per "
                 "task), measured while building this; EA Async has no tasks to fan out.")


def scenario_tutorial(cfg):
    contenders = [c for c in CONTENDERS if c != "vt" or have_jdk25()]
    log(f"5. the tutorial (download 5 s + print 1..5), whole process; {cfg['runs']} per contender")
    proc = {c: [] for c in contenders}
    inproc = {c: [] for c in contenders}
    for i in range(cfg["runs"]):
        for c in contenders:
            cmd = [PY, BENCH / "python" / "tutorial.py"] if c == "python" else java_cmd(c, "tutorial")
            out = run(cmd, name=f"tutorial-{c}-{i}")
            if out.ok and out.result:
                proc[c].append(out.wall)
                inproc[c].append(out.result.get("run_wall"))
    for c in contenders:
        put("tutorial.proc_wall", c, Fig(proc[c]))
        put("tutorial.run_wall", c, Fig(inproc[c]))
    log(f"5. start-up references, {cfg['startup_runs']} runs each after one uncounted")
    starts = {
        "asyncj": [JAVA17, "-cp", JAR, "dev.asyncj.bench.Hello"],
        "cf": [JAVA17, "-cp", JAR, "dev.asyncj.bench.Hello"],
        "ea": [JAVA17, "-cp", JAR, "dev.asyncj.bench.Hello"],
        "python": [PY, "-c", "import asyncio"],
    }
    if have_jdk25():
        starts["vt"] = [JAVA25, "-cp", JAR, "dev.asyncj.bench.Hello"]
    walls = {}
    for key in ("asyncj", "python", "vt"):
        if key not in starts:
            continue
        run(starts[key])
        walls[key] = []
        for _ in range(cfg["startup_runs"]):
            out = run(starts[key])
            if out.ok:
                walls[key].append(out.wall)
    for c in contenders:
        source = "asyncj" if c in ("asyncj", "cf", "ea") else c
        if source in walls:
            put("startup", c, Fig(walls[source]))


def generate_async_source(path, methods):
    """A source file with `methods` @Async methods, each with a loop, locals across awaits, and an
    await of the previous method and of sleep(0)."""
    lines = [
        "package gen;",
        "",
        "import static dev.asyncj.Asyncio.done;",
        "import static dev.asyncj.Asyncio.sleep;",
        "",
        "import dev.asyncj.Async;",
        "import dev.asyncj.Await;",
        "import dev.asyncj.Coroutine;",
        "",
        f"/** {methods} @Async methods, generated by bench/run.py for the compile-time benchmark. */",
        f"public class Gen{methods} {{",
        "  @Async",
        "  static Coroutine<Integer> m0(int n) {",
        "    return done(n);",
        "  }",
    ]
    for i in range(1, methods):
        lines += [
            "",
            "  @Async",
            f"  static Coroutine<Integer> m{i}(int n) {{",
            f"    int total = {i};",
            "    for (int k = 0; k < n; k++) {",
            f"      total += Await.of(m{i - 1}(k));",
            "    }",
            f"    String label = \"m{i}:\" + total;",
            "    Await.of(sleep(0));",
            "    if (label.length() > 10) {",
            "      total++;",
            "    }",
            "    return done(total + label.length());",
            "  }",
        ]
    lines.append("}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def scenario_compile(cfg):
    methods = 1000
    work = TARGET / "compile"
    source = work / "src" / "gen" / f"Gen{methods}.java"
    generate_async_source(source, methods)
    runtime = next((ROOT / "runtime" / "target").glob("asyncj-runtime-*.jar"))
    processor = next(p for p in (ROOT / "processor" / "target").glob("asyncj-processor-*.jar")
                     if not p.name.startswith("original-"))
    runs = cfg["compile_runs"]
    warmup = cfg["compile_warmup"]
    log(f"6. compile time: javac (JDK 17) on {methods} @Async methods, with and without the processor; "
        f"{runs} runs each after {warmup} uncounted")
    variants = {
        "with": ["-processorpath", processor],
        "without": ["-proc:none"],
    }
    walls = {v: [] for v in variants}
    generated = 0
    for i in range(runs + warmup):
        for v, flags in variants.items():
            out_dir = work / f"out-{v}"
            shutil.rmtree(out_dir, ignore_errors=True)
            out_dir.mkdir(parents=True)
            out = run([JAVAC17, "-cp", runtime, *flags, "-d", out_dir, "-s", out_dir, source],
                      name=f"javac-{v}-{i}")
            if v == "with":
                generated = len(list(out_dir.rglob("*.java")))
            if out.ok and i >= warmup:
                walls[v].append(out.wall)
    put("compile.with", "asyncj", Fig(walls["with"]))
    put("compile.without", "asyncj", Fig(walls["without"]))
    if walls["with"] and walls["without"]:
        added = [(w / wo - 1) * 100 for w, wo in zip(walls["with"], walls["without"])]
        put("compile.added", "asyncj", Fig(added))
    NOTES.append(f"Compile time: javac {JAVAC17} on target/compile/src/gen/Gen{methods}.java "
                 f"({methods} @Async methods); the processor generated {generated} state-machine sources.")


EA_PROBES = []


def scenario_ea_probe(cfg):
    """Can EA Async run on JDK 17 at all? Its agent and Async.init() on Java 17 class files, and on
    the Java 11 class files the benchmarks use."""
    ea_jar = next(Path.home().glob(".m2/repository/com/ea/async/ea-async/*/ea-async-*.jar"), None)
    slf4j = next(Path.home().glob(".m2/repository/org/slf4j/slf4j-api/1.7.25/slf4j-api-1.7.25.jar"), None)
    if not ea_jar:
        return
    log("7. EA Async probe: agent and Async.init() on Java 17 and Java 11 class files (JDK 17)")
    probe17 = TARGET / "ea-probe-release17"
    shutil.rmtree(probe17, ignore_errors=True)
    subprocess.run([JAVAC17, "--release", "17", "-cp", str(ea_jar), "-d", str(probe17),
                    str(BENCH / "src/main/java/dev/asyncj/bench/ea/EaProbe.java")], check=True)
    cp17 = f"{probe17}:{ea_jar}:{slf4j}"
    cases = [
        ("Java 17 class files (javac --release 17), -javaagent", [JAVA17, f"-javaagent:{ea_jar}", "-cp", cp17, "dev.asyncj.bench.ea.EaProbe"]),
        ("Java 17 class files (javac --release 17), Async.init()", [JAVA17, "-cp", cp17, "dev.asyncj.bench.ea.EaProbe", "init"]),
        ("Java 11 class files, -javaagent", [JAVA17, f"-javaagent:{ea_jar}", "-cp", str(JAR), "dev.asyncj.bench.ea.EaProbe"]),
        ("Java 11 class files, instrumented at build time (used by the benchmarks)", [JAVA17, "-cp", str(JAR), "dev.asyncj.bench.ea.EaProbe"]),
    ]
    for i, (label, cmd) in enumerate(cases):
        out = run(cmd, timeout=cfg["probe_timeout"])
        errors = sorted(set(re.findall(r"Unsupported class file major version \d+", out.stderr)))
        if "EA_PROBE suspended=true result=42" in out.stdout:
            verdict = "works"
        elif out.timed_out:
            verdict = f"fails: hangs (killed after {cfg['probe_timeout']} s): await was not rewritten and fell back to a blocking join()"
        else:
            verdict = f"fails: rc={out.rc}"
        if errors:
            verdict += f"; stderr: {', '.join(errors)} ({out.stderr.count('Error instrumenting')} 'Error instrumenting' traces)"
        EA_PROBES.append((label, verdict))


# ---------------------------------------------------------------------------------------------
# Tables

def ratio_cell(key, contender, higher_is_better=False):
    base = get(key, "asyncj")
    value = get(key, contender)
    if value is None:
        return "—"
    text = fmt(value)
    if contender != "asyncj" and base is not None and abs(base) >= 0.005 and abs(value) >= 0.005:
        r = (base / value) if higher_is_better else (value / base)
        text += f" ({fmt(r)}×)"
    return text


def summary_rows(cfg):
    rows = []  # (scenario, figure, key)
    rows.append(("1. await fast path (JIT inlines the awaited body)", "ns per await", "fast.inl.ns"))
    rows.append(("", "bytes allocated per await", "fast.inl.alloc"))
    rows.append(("1. await fast path (awaited body not inlined)", "ns per await", "fast.noinl.ns"))
    rows.append(("", "bytes allocated per await", "fast.noinl.alloc"))
    rows.append(("2. switch (sleep(0); VT: park/unpark, 1 carrier)", "ns per switch", "switch.ns"))
    rows.append(("", "bytes allocated per switch", "switch.alloc"))
    rows.append(("2. switch, Queue ping-pong (two unbounded queues)", "ns per switch", "switch.queue.ns"))
    rows.append(("", "bytes allocated per switch", "switch.queue.alloc"))
    rows.append(("2. switch, Event ping-pong (set, await, clear)", "ns per switch", "switch.event.ns"))
    rows.append(("", "bytes allocated per switch", "switch.event.alloc"))
    for n in cfg["sleepers"]:
        label = f"3. {n:,} sleepers, sleep(1), gathered"
        rows.append((label, "run wall time, s", f"sleep.{n}.run_wall"))
        rows.append(("", "all suspended after, s", f"sleep.{n}.suspended"))
        rows.append(("", "last wake − first deadline, s", f"sleep.{n}.wake_span"))
        rows.append(("", "peak RSS, MiB", f"sleep.{n}.rss"))
        rows.append(("", "RSS − empty run, bytes per task", f"sleep.{n}.rss_per_task"))
        rows.append(("", "live heap after GC, bytes per task", f"sleep.{n}.live"))
    rows.append((f"4. fan-out, {cfg['fanout']:,} trivial tasks", "cold (1st round), s", "fanout.cold"))
    rows.append(("", "warm (median of later rounds), s", "fanout.warm"))
    rows.append(("5. tutorial (download 5 s ‖ print 1..5)", "whole process, s", "tutorial.proc_wall"))
    rows.append(("", "in process, s", "tutorial.run_wall"))
    rows.append(("", "start-up reference (Hello / import asyncio), s", "startup"))
    return rows


def md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def summary_table(cfg):
    header = ["scenario", "figure"] + [TITLES[c] for c in CONTENDERS]
    body = []
    for scenario, figure, key in summary_rows(cfg):
        cells = [ratio_cell(key, c) for c in CONTENDERS]
        if all(c == "—" for c in cells):
            continue
        body.append([scenario, figure] + cells)
    extra = [
        ("2. switch, other shapes", "VT park/unpark, 2 carriers (default scheduler)", "switch.vt2.ns", "vt"),
        ("", "VT SynchronousQueue (spins on both cores)", "switch.sq.ns", "vt"),
        ("1. reference", "Python plain call g(), ns", "fast.pycall.ns", "python"),
        ("1. asyncj on JDK 25", "ns per await, inlined", "fast.inl.jdk25.ns", "asyncj"),
        ("", "ns per await, not inlined", "fast.noinl.jdk25.ns", "asyncj"),
        ("2. asyncj on JDK 25", "ns per switch", "switch.jdk25.ns", "asyncj"),
    ]
    for scenario, figure, key, c in extra:
        if get(key, c) is None:
            continue
        row = [scenario, figure] + ["" for _ in CONTENDERS]
        row[2 + CONTENDERS.index(c)] = fmt(get(key, c))
        body.append(row)
    if get("compile.with", "asyncj") is not None:
        body.append(["6. compile time, javac, 1,000 @Async methods",
                     f"with processor {fmt(get('compile.with', 'asyncj'))} s / without "
                     f"{fmt(get('compile.without', 'asyncj'))} s",
                     f"+{fmt(get('compile.added', 'asyncj'))} %", "", "", "", ""])
    return md_table(header, body)


def target_rows(cfg):
    rows = []

    def verdict(ok):
        return "—" if ok is None else ("met" if ok else "**missed**")

    for variant, label in (("inl", "JIT inlines the awaited body"), ("noinl", "awaited body not inlined")):
        ns = get(f"fast.{variant}.ns", "asyncj")
        alloc = get(f"fast.{variant}.alloc", "asyncj")
        if ns is not None:
            rows.append([f"await of a non-suspending coroutine ({label})",
                         "≤ 20 ns and no allocation beyond the awaited coroutine (24 B)",
                         f"{fmt(ns)} ns, {fmt(alloc)} B", verdict(ns <= 20 and (alloc is None or alloc <= 24.5))])
    sw = get("switch.ns", "asyncj")
    if sw is not None:
        rows.append(["switch through the loop (sleep(0))", "≤ 100 ns", f"{fmt(sw)} ns", verdict(sw <= 100)])
    n = max(cfg["sleepers"])
    live = get(f"sleep.{n}.live", "asyncj")
    rss = get(f"sleep.{n}.rss_per_task", "asyncj")
    span = get(f"sleep.{n}.wake_span", "asyncj")
    if live is not None or rss is not None:
        rows.append([f"{n:,} sleepers: memory", "≤ 150 bytes per coroutine",
                     f"{fmt(live)} B live heap, {fmt(rss)} B RSS delta",
                     f"live heap: {verdict(live <= 150) if live is not None else '—'}; "
                     f"RSS: {verdict(rss <= 150) if rss is not None else '—'}"])
    if span is not None:
        rows.append([f"{n:,} sleepers: wake-up", "all woken within 1.5 s of their deadline",
                     f"last wake {fmt(span)} s after the first deadline "
                     f"({fmt(get(f'sleep.{n}.last_wake_late', 'asyncj'))} s after its own)", verdict(span <= 1.5)])
    for phase in ("cold", "warm"):
        a, p = get(f"fanout.{phase}", "asyncj"), get(f"fanout.{phase}", "python")
        if a and p:
            rows.append([f"fan-out of {cfg['fanout']:,} tasks ({phase})", "≥ 10× faster than Python asyncio",
                         f"{fmt(a)} s vs {fmt(p)} s: {fmt(p / a)}×", verdict(p / a >= 10)])
    added = get("compile.added", "asyncj")
    if added is not None:
        rows.append(["processor", "≤ 10 % added javac time", f"+{fmt(added)} %", verdict(added <= 10)])
    return rows


DETAIL_LABELS = {
    "fast.inl.ns": ("1", "await fast path, inlined", "ns/await"),
    "fast.inl.alloc": ("1", "await fast path, inlined", "B/await"),
    "fast.noinl.ns": ("1", "await fast path, not inlined", "ns/await"),
    "fast.noinl.alloc": ("1", "await fast path, not inlined", "B/await"),
    "fast.pycall.ns": ("1", "plain call g()", "ns/call"),
    "fast.inl.jdk25.ns": ("1", "await fast path, inlined, on JDK 25", "ns/await"),
    "fast.inl.jdk25.alloc": ("1", "await fast path, inlined, on JDK 25", "B/await"),
    "fast.noinl.jdk25.ns": ("1", "await fast path, not inlined, on JDK 25", "ns/await"),
    "fast.noinl.jdk25.alloc": ("1", "await fast path, not inlined, on JDK 25", "B/await"),
    "switch.ns": ("2", "switch: sleep(0) / park-unpark 1 carrier", "ns/switch"),
    "switch.alloc": ("2", "switch: sleep(0) / park-unpark 1 carrier", "B/switch"),
    "switch.jdk25.ns": ("2", "switch: sleep(0) on JDK 25", "ns/switch"),
    "switch.jdk25.alloc": ("2", "switch: sleep(0) on JDK 25", "B/switch"),
    "switch.queue.ns": ("2", "switch: Queue ping-pong", "ns/switch"),
    "switch.queue.alloc": ("2", "switch: Queue ping-pong", "B/switch"),
    "switch.event.ns": ("2", "switch: Event ping-pong", "ns/switch"),
    "switch.event.alloc": ("2", "switch: Event ping-pong", "B/switch"),
    "switch.vt2.ns": ("2", "switch: park/unpark, 2 carriers", "ns/switch"),
    "switch.vt2.alloc": ("2", "switch: park/unpark, 2 carriers", "B/switch"),
    "switch.sq.ns": ("2", "switch: SynchronousQueue", "ns/switch"),
    "switch.sq.alloc": ("2", "switch: SynchronousQueue", "B/switch"),
    "sleep.0.rss": ("3", "0 sleepers (RSS baseline)", "peak RSS MiB"),
    "fanout.cold": ("4", "fan-out, cold", "s"),
    "fanout.warm": ("4", "fan-out, warm", "s"),
    "tutorial.proc_wall": ("5", "tutorial, whole process", "s"),
    "tutorial.run_wall": ("5", "tutorial, in process", "s"),
    "startup": ("5", "start-up (Hello / import asyncio)", "s"),
    "compile.with": ("6", "javac with the processor", "s"),
    "compile.without": ("6", "javac -proc:none", "s"),
    "compile.added": ("6", "added javac time", "%"),
}
SLEEP_LABELS = {
    "run_wall": "run wall, s", "proc_wall": "whole process, s", "suspended": "all suspended, s",
    "wake_span": "last wake − first deadline, s", "last_wake_late": "last wake − its deadline, s",
    "rss": "peak RSS, MiB", "rss_per_task": "RSS delta, B/task", "live": "live heap, B/task",
}


def detail_table():
    rows = []
    for (key, c), fig in FIGS.items():
        if key in DETAIL_LABELS:
            sid, what, unit = DETAIL_LABELS[key]
        else:
            m = re.match(r"sleep\.(\d+)\.(\w+)", key)
            if not m:
                continue
            sid, what, unit = "3", f"{int(m.group(1)):,} sleepers", SLEEP_LABELS.get(m.group(2), m.group(2))
        rows.append((sid, TITLES[c], what, unit, fmt(fig.value), fig.spread()))
    rows.sort(key=lambda r: (r[0], r[2], CONTENDERS.index(next(k for k, v in TITLES.items() if v == r[1])), r[3]))
    return md_table(["#", "contender", "benchmark", "figure", "median / score", "spread"], rows)


def machine_lines(mode, cfg):
    def first_line(cmd):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True)
            return " ".join((p.stdout + p.stderr).split("\n")[:2]).strip()
        except OSError:
            return "not found"

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return [
        f"- date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; mode: `--{mode}`; "
        f"git: {first_line(['git', '-C', str(ROOT), 'describe', '--always', '--dirty'])}",
        f"- machine: {os.cpu_count()} cores (nproc), {mem}, CPU {cpu}, Linux {platform.release()}; "
        f"load average (1/5/15 min) {'/'.join(f'{x:.1f}' for x in START_LOAD)} at the start, "
        f"{'/'.join(f'{x:.1f}' for x in os.getloadavg())} at the end",
        f"- JDK 17 (asyncj, CompletableFuture, EA Async): {first_line([JAVA17, '-version'])}",
        f"- JDK 25 (virtual threads): {first_line([JAVA25, '-version']) if have_jdk25() else 'not found'}",
        f"- Python: {sys.version.split()[0]} ({PY})",
        f"- Java flags: {' '.join(JVM_FLAGS)}, default G1; JMH {cfg['jmh']['f']} fork(s) × "
        f"{cfg['jmh']['wi']} warm-up + {cfg['jmh']['i']} measured 1 s iterations, `-prof gc`; "
        f"whole-process figures: median of {cfg['runs']} process(es)",
    ]


def report(mode, cfg):
    parts = ["# asyncj benchmarks", ""]
    parts += machine_lines(mode, cfg)
    parts += ["", "## Figures and ratios", "",
              "Each contender's cell: its figure, and in brackets the contender's figure divided by "
              "asyncj's — above 1× asyncj is faster or smaller, below 1× the contender is. Medians of "
              "processes for whole-process figures; JMH scores for micro figures (see the spread below).",
              "", summary_table(cfg), ""]
    targets = target_rows(cfg)
    if targets:
        parts += ["## Targets (issue 5)", "", md_table(["figure", "target", "measured", "verdict"], targets), ""]
    if EA_PROBES:
        parts += ["## EA Async on JDK 17", "", md_table(["class files, how", "result"], EA_PROBES), ""]
    if NOTES or FAILURES:
        parts += ["## Notes", ""] + [f"- {n}" for n in NOTES] + [f"- FAILED: {f}" for f in FAILURES] + [""]
    parts += ["## All figures", "", detail_table(), ""]
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# Profiling (--profile)


def jfr_events(jfr_file, event):
    jfr = str(Path(JAVA17).parent / "jfr")
    p = subprocess.run([jfr, "print", "--json", "--events", event, str(jfr_file)],
                       capture_output=True, text=True)
    try:
        return json.loads(p.stdout)["recording"]["events"]
    except (ValueError, KeyError):
        return []


def frame_type(f):
    return f["method"]["type"]["name"].replace("/", ".")


def frame_name(f):
    return f"{frame_type(f)}.{f['method']['name']}:{f.get('lineNumber')}"


def first_asyncj_frame(frames):
    for f in frames:
        if frame_type(f).startswith("dev.asyncj."):
            return frame_name(f)
    return "(no asyncj frame)"


def jfr_summary(jfr_file, top=15, thread=None):
    """Hot spots (top frames of execution samples, by method and line; and the first asyncj frame
    on the stack) and allocation sites (by class and first asyncj frame) from a JFR recording."""
    lines = []
    top_frames, asyncj_frames = {}, {}
    total = in_processor = 0
    for e in jfr_events(jfr_file, "jdk.ExecutionSample"):
        v = e["values"]
        if thread and thread not in str((v.get("sampledThread") or {}).get("javaName")):
            continue
        frames = (v.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        total += 1
        if any(frame_type(f).startswith("dev.asyncj.processor.") for f in frames):
            in_processor += 1
        top_frames[frame_name(frames[0])] = top_frames.get(frame_name(frames[0]), 0) + 1
        a = first_asyncj_frame(frames)
        asyncj_frames[a] = asyncj_frames.get(a, 0) + 1
    lines.append(f"Hot spots: top frame (method:line) of {total} execution samples"
                 + (f" on threads named like '{thread}'" if thread else "") + ":")
    for name, k in sorted(top_frames.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {100 * k / max(total, 1):5.1f}%  {name}")
    lines.append("Same samples by the first asyncj frame on the stack (asyncj code, itself or through the JDK):")
    for name, k in sorted(asyncj_frames.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {100 * k / max(total, 1):5.1f}%  {name}")
    if in_processor:
        lines.append(f"Samples with a dev.asyncj.processor frame on the stack: {100 * in_processor / total:.1f}%")
    weights = {}
    total_w = 0
    for e in jfr_events(jfr_file, "jdk.ObjectAllocationSample"):
        v = e["values"]
        cls = (v.get("objectClass") or {}).get("name", "?")
        frames = (v.get("stackTrace") or {}).get("frames") or []
        site = first_asyncj_frame(frames)
        w = v.get("weight", 0)
        weights[(cls, site)] = weights.get((cls, site), 0) + w
        total_w += w
    lines.append(f"Allocation (JFR's sampled weight, {total_w / 2**20:,.0f} MiB in all) by class and "
                 f"first asyncj frame:")
    for (cls, site), w in sorted(weights.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {100 * w / max(total_w, 1):5.1f}%  {cls:45s} {site}")
    return "\n".join(lines)


def profile(cfg):
    out = ["# asyncj profile", ""] + machine_lines("profile", cfg) + [""]
    jcfg = {"f": "1", "wi": "3", "i": "3"}
    log("profile: JMH -prof gc -prof stack on asyncj's microbenchmarks")
    for name, regex in (("fastpath", r"micro\.FastPathBench\.asyncj"), ("switch", r"micro\.SwitchBench\.")):
        jmh(f"profile-{name}", JAVA17, str(JAR), regex, jcfg, profilers=("gc", "stack:lines=3;top=12"))
        text = (LOGS / f"jmh-profile-{name}.log").read_text()
        keep = []
        on = False
        for line in text.splitlines():
            if line.startswith("# Benchmark:") or line.startswith("Benchmark "):
                keep.append(line)
            if "....[Thread state distributions]" in line or "....[Thread state: RUNNABLE]" in line:
                on = True
            if on:
                keep.append(line)
            if on and line.startswith("# Run complete"):
                on = False
            if re.match(r"^(FastPathBench|SwitchBench)\.\S+\s", line):
                keep.append(line)
        out += [f"## JMH {name}: -prof gc, -prof stack", "", "```", *keep[-200:], "```", ""]
    n = max(cfg["sleepers"])
    in_process = ["-f", "0", "-wi", "2", "-i", "3", "-r", "1s", "-w", "1s"]
    runs = [
        ("fast path, awaited body not inlined (JMH in process)",
         [JAVA17, *JVM_FLAGS, "-XX:CompileCommand=quiet",
          "-XX:CompileCommand=dontinline,dev.asyncj.bench.asyncj.AsyncjCode*::resume", "-cp", JAR,
          "org.openjdk.jmh.Main", r"micro\.FastPathBench\.asyncjNotInlined", *in_process]),
        ("switch, sleep(0) (JMH in process)",
         [JAVA17, *JVM_FLAGS, "-cp", JAR, "org.openjdk.jmh.Main", r"micro\.SwitchBench\.asyncjSleep0", *in_process]),
        (f"{n:,} sleepers", java_cmd("asyncj", "sleepers", n, 1)),
        (f"fan-out of {cfg['fanout']:,} tasks, 3 rounds", java_cmd("asyncj", "fanout", cfg["fanout"], 3)),
    ]
    for i, (name, cmd) in enumerate(runs):
        jfr_file = LOGS / f"profile-{i}.jfr"
        jfr_file.unlink(missing_ok=True)
        log(f"profile: JFR on asyncj {name}")
        cmd = [cmd[0], f"-XX:StartFlightRecording=filename={jfr_file},settings=profile", *cmd[1:]]
        run(cmd, name=f"profile-jfr-{i}")
        thread = "main" if "JMH" not in name else "jmh-worker"
        out += [f"## JFR: asyncj {name}", "", "```", jfr_summary(jfr_file, thread=thread), "```", ""]
    log("profile: JFR on javac with the processor")
    work = TARGET / "compile"
    source = work / "src" / "gen" / "Gen1000.java"
    generate_async_source(source, 1000)
    runtime = next((ROOT / "runtime" / "target").glob("asyncj-runtime-*.jar"))
    processor = next(p for p in (ROOT / "processor" / "target").glob("asyncj-processor-*.jar")
                     if not p.name.startswith("original-"))
    jfr_file = LOGS / "profile-javac.jfr"
    jfr_file.unlink(missing_ok=True)
    out_dir = work / "out-profile"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    run([JAVAC17, f"-J-XX:StartFlightRecording=filename={jfr_file},settings=profile", "-cp", runtime,
         "-processorpath", processor, "-d", out_dir, "-s", out_dir, source], name="profile-javac")
    out += ["## JFR: javac with the processor, 1,000 @Async methods", "", "```",
            jfr_summary(jfr_file, top=25), "```", ""]
    # Where the added time goes: compiling the generated sources themselves, without the processor.
    generated = sorted(str(p) for p in out_dir.rglob("*.java"))
    variants = {
        "with the processor": ["-processorpath", processor, source],
        "-proc:none, the user's file only": ["-proc:none", source],
        "-proc:none, the user's file + the generated sources": ["-proc:none", source, *generated],
    }
    walls = {v: [] for v in variants}
    log(f"profile: javac decomposition, 3 runs each ({len(generated)} generated sources)")
    for i in range(3):
        for v, args in variants.items():
            d = work / "out-decomposition"
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
            o = run([JAVAC17, "-cp", runtime, "-d", d, "-s", d, *args], name=f"profile-javac-{i}-{len(walls[v])}")
            if o.ok:
                walls[v].append(o.wall)
    out += ["## javac time, decomposed (median of 3 runs)", "",
            md_table(["javac", "wall, s", "runs"],
                     [[v, fmt(statistics.median(w)) if w else "—", ", ".join(fmt(x) for x in w)]
                      for v, w in walls.items()]), ""]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "profile.md").write_text("\n".join(out))
    log(f"wrote {RESULTS / 'profile.md'}")


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--short", action="store_true")
    group.add_argument("--full", action="store_true")
    group.add_argument("--profile", action="store_true")
    parser.add_argument("--only", default="1,2,3,4,5,6,7")
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    mode = "full" if args.full else "profile" if args.profile else "short"
    cfg = MODES["full" if mode == "full" else "short"]
    which = {int(x) for x in args.only.split(",") if x.strip()}

    ensure_time_tool()
    if not args.no_build:
        build()
    LOGS.mkdir(parents=True, exist_ok=True)
    if mode == "profile":
        profile(MODES["full"])
        return
    log(f"mode --{mode}; logs in {LOGS}")
    if which & {1, 2}:
        scenario_micro(mode, cfg, which)
    if 3 in which:
        scenario_sleepers(cfg)
    if 4 in which:
        scenario_fanout(cfg)
    if 5 in which:
        scenario_tutorial(cfg)
    if 6 in which:
        scenario_compile(cfg)
    if 7 in which:
        scenario_ea_probe(cfg)
    text = report(mode, cfg)
    print()
    print(text)
    RESULTS.mkdir(exist_ok=True)
    if mode == "full" and which == {1, 2, 3, 4, 5, 6, 7}:
        (RESULTS / "latest.md").write_text(text)
        log(f"wrote {RESULTS / 'latest.md'}")
    else:
        (TARGET / f"{mode}.md").write_text(text)
        log(f"wrote {TARGET / (mode + '.md')} (only a complete --full run writes bench/results/latest.md)")
    log(f"done in {time.monotonic() - STARTED:.0f} s")


if __name__ == "__main__":
    main()
