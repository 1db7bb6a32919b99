"""Runs the benchmark groups and prints one Markdown report (run-all.sh builds first).

Every scale, timeout and javac point is its own process, measured with /usr/bin/time -v (wall
time, peak RSS) and repeated (3 times by default); the tables give the median and the min-max
spread of the repeats, and ratios against the alternative the group compares with. Reps are the
outer loop, so drift on a shared machine spreads over every contender alike.

Environment: JDK17_HOME, JDK25_HOME (defaults: the Debian JDK 17 and Temurin 25 paths), PYTHON
(default: python3 on PATH), BENCH_JAR (default: target/benchmarks.jar).
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
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
TARGET = os.path.join(MODULE, "target")
# BENCH_JAR: another build of the benchmarks jar (e.g. one holding an older runtime, for a
# before/after comparison); run-all.sh always builds and uses target/benchmarks.jar.
BENCH_JAR = os.environ.get("BENCH_JAR") or os.path.join(TARGET, "benchmarks.jar")
JARS = os.path.join(TARGET, "javac-cost-jars")
SEED_PY = os.path.join(HERE, "seed_gather.py")

JDK17 = os.environ.get("JDK17_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")
JDK25 = os.environ.get("JDK25_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
PYTHON = os.environ.get("PYTHON") or shutil.which("python3") or "python3"
SCALE_HEAP = "-Xmx8g"


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def java(jdk):
    return os.path.join(jdk, "bin", "java")


def javac(jdk):
    return os.path.join(jdk, "bin", "javac")


def jdk_version(jdk):
    out = subprocess.run([java(jdk), "-version"], capture_output=True, text=True).stderr
    return out.strip().splitlines()[1] if len(out.strip().splitlines()) > 1 else out.strip()


# ---------------------------------------------------------------------------------------------
# Processes


def timed(cmd, timeout, cwd=None):
    """Runs cmd under /usr/bin/time -v; returns dict(ok, wall, rss_mb, stdout, stderr, result)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time", delete=False) as tf:
        timefile = tf.name
    try:
        proc = subprocess.run(
            ["/usr/bin/time", "-v", "-o", timefile] + cmd,
            capture_output=True, text=True, timeout=timeout, cwd=cwd)
        with open(timefile) as f:
            tv = f.read()
    except subprocess.TimeoutExpired:
        return {"ok": False, "error": f"timed out after {timeout} s"}
    finally:
        os.unlink(timefile)
    wall = rss = None
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", tv)
    if m:
        parts = [float(p) for p in m.group(1).split(":")]
        wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tv)
    if m:
        rss = int(m.group(1)) / 1024.0
    result = {}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            for kv in line.split()[1:]:
                k, _, v = kv.partition("=")
                try:
                    result[k] = float(v)
                except ValueError:
                    result[k] = v
    ok = proc.returncode == 0
    out = {"ok": ok, "wall": wall, "rss_mb": rss, "result": result}
    if not ok:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        out["error"] = f"exit {proc.returncode}: " + " | ".join(tail)
    return out


# ---------------------------------------------------------------------------------------------
# Formatting


def med(xs):
    return statistics.median(xs)


def fmt(x, digits=2):
    if x is None:
        return "n/a"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}" if digits > 0 else f"{x:.0f}"
    return f"{x:.{digits}f}"


def spread(xs, digits=2):
    """median [min-max]"""
    if not xs:
        return "n/a"
    if len(xs) == 1:
        return fmt(xs[0], digits)
    return f"{fmt(med(xs), digits)} [{fmt(min(xs), digits)}–{fmt(max(xs), digits)}]"


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.2f}×"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# 1. Per-call overhead (JMH)

OVERHEAD_ROWS = [
    ("handWritten", "hand-written `supplyAsync(() -> t.echo(x), ex)`", "handWritten"),
    ("twin", "twin `twin.echo(x)`", "handWritten"),
    ("spring", "Spring `@Async` proxy", "handWritten"),
    ("handWrittenTimeout", "hand-written `supplyAsync(...).orTimeout(10, SECONDS)`",
     "handWrittenTimeout"),
    ("twinTimeout", "twin with `@Timeout(10 s)`", "handWrittenTimeout"),
]


def overhead(args, out, goals):
    """JMH in rounds: each round runs every benchmark in one fork, so contenders are compared
    with each other within minutes on the same machine state; ratios are taken per round."""
    rounds = 1 if args.quick else args.forks
    per_round = []  # {(name, executor): (median us, median B)}
    for r in range(rounds):
        jmh_json = os.path.join(out, f"jmh-round{r + 1}.json")
        cmd = [java(JDK25), "-jar", BENCH_JAR, "CallOverhead", "-f", "1", "-prof", "gc",
               "-rf", "json", "-rff", jmh_json]
        cmd += (["-wi", "1", "-i", "2", "-w", "1s", "-r", "1s"] if args.quick
                else ["-wi", "3", "-i", "5", "-w", "1s", "-r", "1s"])
        log(f"overhead round {r + 1}/{rounds}: " + " ".join(cmd[2:]))
        with open(os.path.join(out, f"jmh-round{r + 1}.log"), "w") as logf:
            rc = subprocess.run(cmd, stdout=logf, stderr=subprocess.STDOUT).returncode
        if rc != 0:
            return f"JMH failed (exit {rc}); see {out}/jmh-round{r + 1}.log"
        with open(jmh_json) as f:
            data = json.load(f)
        res = {}
        for entry in data:
            name = entry["benchmark"].rsplit(".", 1)[1]
            ex = entry["params"]["executor"]
            times = [v for fork in entry["primaryMetric"]["rawData"] for v in fork]
            alloc = entry["secondaryMetrics"].get("gc.alloc.rate.norm", {})
            bytes_ = [v for fork in alloc.get("rawData", []) for v in fork]
            res[(name, ex)] = (med(times), med(bytes_) if bytes_ else None)
        per_round.append(res)
        meta = data[0]
    iters = len(meta["primaryMetric"]["rawData"][0])
    parts = [f"JDK 25, JMH {meta.get('jmhVersion', '')}, `-prof gc`, one caller thread. "
             f"{rounds} round(s); each round runs every benchmark in a fresh fork "
             f"({meta.get('warmupIterations', '')} × {meta.get('warmupTime', '')} warm-up, "
             f"{iters} × {meta.get('measurementTime', '')} measured), so the contenders of a round "
             "ran within minutes of each other. A cell is the median over rounds of each round's "
             "median iteration, [min–max over rounds]; ratios and Δ are taken within each round, "
             "then their median [min–max] is shown. B/call is `gc.alloc.rate.norm`: all threads' "
             "allocation (the executor's too) divided by calls."]

    def col(name, ex, i):
        return [r[(name, ex)][i] for r in per_round if (name, ex) in r and r[(name, ex)][i] is not None]

    def paired(name, base, ex, i, f):
        return [f(r[(name, ex)][i], r[(base, ex)][i]) for r in per_round
                if (name, ex) in r and (base, ex) in r and r[(name, ex)][i] and r[(base, ex)][i]]

    for ex, label in (("virtual", "virtual thread per call (`AsyncRuntime.defaultExecutor()` on JDK 25)"),
                      ("fixed4", "fixed pool of 4 platform threads (`Executors.newFixedThreadPool(4)`)"),
                      ("inline", "inline executor (`Runnable::run`): no thread hand-off, only the "
                                 "contenders' own cost, in ns resolution")):
        rows = []
        for name, title, base in OVERHEAD_ROWS:
            t, b = col(name, ex, 0), col(name, ex, 1)
            if not t:
                continue
            tr = paired(name, base, ex, 0, lambda a, c: a / c)
            dt = paired(name, base, ex, 0, lambda a, c: a - c)
            br = paired(name, base, ex, 1, lambda a, c: a / c)
            digits = 3 if ex == "inline" else 1
            rows.append([title, spread(t, digits),
                         "—" if name == base else spread(tr) + "×",
                         "—" if name == base else spread(dt, digits),
                         spread(b, 0), "—" if name == base else spread(br) + "×"])
            if name in ("twin", "twinTimeout") and ex != "inline":
                timeout = " with timeout" if name == "twinTimeout" else ""
                goals.append((f"1. {ex}{timeout}: twin − hand-written ≤ 1 µs",
                              f"{med(dt):+.{digits}f} µs (rounds {min(dt):+.{digits}f}…{max(dt):+.{digits}f})",
                              med(dt) <= 1.0))
                if br:
                    goals.append((f"1. {ex}{timeout}: twin B/call ≤ 1.05× hand-written",
                                  f"{med(b):.0f} / {med(col(base, ex, 1)):.0f} B, {med(br):.2f}×",
                                  med(br) <= 1.05))
        parts.append(f"**{label}**\n\n" + table(
            ["contender", "µs/call", "time ÷ hand-written", "Δ µs", "B/call", "bytes ÷ hand-written"],
            rows))
    parts.append("Timed rows are compared with the hand-written `orTimeout` row, the others with "
                 "plain hand-written `supplyAsync`. The goals are judged on the two real executors; "
                 "the inline rows show each contender's own cost, where the JIT's escape analysis "
                 "removes most of the hand-written future's allocation (it never leaves the "
                 "caller's frame), and a hand-written `orTimeout` on an already completed future "
                 "arms no timer at all.")
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------------------------
# 2. Scale


def scale(args, out, goals):
    ns = [10_000] if args.quick else [10_000, 100_000, 1_000_000]
    reps = 1 if args.quick else args.reps
    cp = BENCH_JAR
    main = "dev.asyncdsl.benchmarks.Scale"
    contenders = [
        ("asyncio", "seed program: `asyncio.gather` of N `asyncio.sleep(1)` (python3)",
         lambda n: [PYTHON, SEED_PY, str(n)], None),
        ("raw", "raw virtual threads + `CompletableFuture` (JDK 25)",
         lambda n: [java(JDK25), SCALE_HEAP, "-cp", cp, main, "raw", str(n)], None),
        ("perTask", "`supplyAsync` on `newVirtualThreadPerTaskExecutor()` (JDK 25)",
         lambda n: [java(JDK25), SCALE_HEAP, "-cp", cp, main, "perTask", str(n)], None),
        ("twin25", "twin `funcAll(inputs)` (JDK 25, virtual threads)",
         lambda n: [java(JDK25), SCALE_HEAP, "-cp", cp, main, "twin", str(n)], None),
        ("platform17", "raw platform threads + `CompletableFuture` (JDK 17)",
         lambda n: [java(JDK17), SCALE_HEAP, "-cp", cp, main, "platform", str(n)], args.jdk17_max),
        ("twin17", "twin `funcAll(inputs)` (JDK 17, platform-thread fallback)",
         lambda n: [java(JDK17), SCALE_HEAP, "-cp", cp, main, "twin", str(n)], args.jdk17_max),
    ]
    runs = {}
    for rep in range(reps):
        for n in ns:
            # Rotate the order every rep, so no contender always runs right after the same one.
            shift = rep % len(contenders)
            for key, _, cmd, limit in contenders[shift:] + contenders[:shift]:
                if limit is not None and n > limit:
                    continue
                log(f"scale rep {rep + 1}/{reps}: {key} N={n}")
                r = timed(cmd(n), timeout=600)
                if not r["ok"]:
                    log(f"  failed: {r.get('error')}")
                runs.setdefault((key, n), []).append(r)
    with open(os.path.join(out, "scale.json"), "w") as f:
        json.dump({f"{k}@{n}": v for (k, n), v in runs.items()}, f, indent=1)
    parts = [f"Each point is its own process under `/usr/bin/time -v`, {reps}× per point (the "
             "order of the contenders rotates every repeat); median [min–max]. Wall = whole "
             "process (start-up included); gather = the gather alone, timed inside. JVMs run with "
             f"`{SCALE_HEAP}`, nothing else tuned. Floor: 1.0 s. Ratios are of medians."]
    rows = []
    for n in ns:
        raw_ok = [r for r in runs.get(("raw", n), []) if r["ok"]]
        raw_wall = med([r["wall"] for r in raw_ok]) if raw_ok else None
        raw_rss = med([r["rss_mb"] for r in raw_ok]) if raw_ok else None
        for key, title, _, limit in contenders:
            if limit is not None and n > limit:
                rows.append([f"{n:,}", title, "not run", "", "", "", "",
                             ""])
                continue
            rs = runs.get((key, n), [])
            ok = [r for r in rs if r["ok"]]
            if not ok:
                err = rs[0].get("error", "") if rs else ""
                rows.append([f"{n:,}", title, f"failed: {err}", "", "", "", "", ""])
                continue
            walls = [r["wall"] for r in ok]
            gathers = [r["result"].get("gatherSeconds") for r in ok if "gatherSeconds" in r["result"]]
            rss = [r["rss_mb"] for r in ok]
            failed = len(rs) - len(ok)
            note = f" ({failed} of {len(rs)} failed)" if failed else ""
            rows.append([f"{n:,}", title, spread(walls) + note, spread(gathers), spread(rss, 0),
                         ratio(med(walls), raw_wall), ratio(med(rss), raw_rss),
                         ("asyncio ÷ twin: " + ratio(med(walls), med(
                             [r["wall"] for r in runs[("twin25", n)] if r["ok"]])))
                         if key == "asyncio" and any(r["ok"] for r in runs.get(("twin25", n), []))
                         else ""])
            if key == "twin25" and raw_wall:
                goals.append((f"2. N={n:,}: twin wall ≤ 1.1× raw virtual threads",
                              f"{med(walls):.2f} / {raw_wall:.2f} s = {med(walls) / raw_wall:.2f}×",
                              med(walls) <= 1.1 * raw_wall))
                goals.append((f"2. N={n:,}: twin peak RSS ≤ 1.1× raw virtual threads",
                              f"{med(rss):.0f} / {raw_rss:.0f} MB = {med(rss) / raw_rss:.2f}×",
                              med(rss) <= 1.1 * raw_rss))
                asy = [r for r in runs.get(("asyncio", n), []) if r["ok"]]
                if asy:
                    aw = med([r["wall"] for r in asy])
                    goals.append((f"2. N={n:,}: twin ahead of asyncio (wall)",
                                  f"{med(walls):.2f} vs {aw:.2f} s", med(walls) < aw))
            if key == "twin17" and n == 10_000:
                goals.append(("2. JDK 17 fallback: 10,000 calls in ≤ 3 s (process wall)",
                              f"{med(walls):.2f} s", med(walls) <= 3.0))
                plat = [r["wall"] for r in runs.get(("platform17", n), []) if r["ok"]]
                if plat:
                    rows[-1][-1] = f"{med(walls) / med(plat):.2f}× raw platform threads"
    parts.append(table(["N", "contender", "wall s", "gather s", "peak RSS MB", "wall ÷ raw VT",
                        "RSS ÷ raw VT", "note"], rows))
    if args.jdk17_max < max(ns):
        parts.append(f"JDK 17 points above N = {args.jdk17_max:,} are not run: the fallback needs "
                     "one platform thread per sleeping call, and this machine allows "
                     f"{read_int('/proc/sys/kernel/pid_max')} pids in total "
                     f"(vm.max_map_count {read_int('/proc/sys/vm/max_map_count')}), shared with "
                     "everything else running on it.")
    return "\n\n".join(parts)


def read_int(path):
    try:
        with open(path) as f:
            return int(f.read().strip())
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------
# 3. Timeout precision


def timeouts(args, out, goals):
    points = [(JDK25, 25, 1_000), (JDK25, 25, 100_000), (JDK17, 17, 1_000)]
    if args.quick:
        points = [(JDK25, 25, 1_000)]
    reps = 1 if args.quick else args.reps
    main = "dev.asyncdsl.benchmarks.TimeoutPrecision"
    runs = {}
    for rep in range(reps):
        for jdk, v, n in points:
            for mode in ("orTimeout", "twin"):
                log(f"timeout rep {rep + 1}/{reps}: {mode} JDK {v} N={n}")
                r = timed([java(jdk), SCALE_HEAP, "-cp", BENCH_JAR, main, mode, str(n)], timeout=300)
                if not r["ok"]:
                    log(f"  failed: {r.get('error')}")
                runs.setdefault((mode, v, n), []).append(r)
    with open(os.path.join(out, "timeouts.json"), "w") as f:
        json.dump({f"{m}@{v}@{n}": r for (m, v, n), r in runs.items()}, f, indent=1)
    rows = []
    for _, v, n in points:
        base = [r["result"]["p99"] for r in runs[("orTimeout", v, n)] if r["ok"]]
        for mode, title in (("orTimeout", "hand-written `supplyAsync(...).orTimeout(100 ms)`"),
                            ("twin", "twin `@Timeout(value = 100, unit = MILLISECONDS)`")):
            ok = [r["result"] for r in runs[(mode, v, n)] if r["ok"]]
            if not ok:
                rows.append([v, f"{n:,}", title, "failed: " + runs[(mode, v, n)][0].get("error", ""),
                             "", "", "", ""])
                continue
            p99 = [r["p99"] for r in ok]
            rows.append([v, f"{n:,}", title, spread([r["p50"] for r in ok], 1), spread(p99, 1),
                         spread([r["max"] for r in ok], 1), spread([r["submitMillis"] for r in ok], 0),
                         ratio(med(p99), med(base)) if base else "n/a"])
            if mode == "twin" and base:
                if n >= 100_000:
                    goals.append((f"3. JDK {v}, N={n:,}: twin p99 lateness ≤ ½ orTimeout's",
                                  f"{med(p99):.1f} / {med(base):.1f} ms = {med(p99) / med(base):.2f}×",
                                  med(p99) <= 0.5 * med(base)))
                else:
                    goals.append((f"3. JDK {v}, N={n:,}: twin p99 lateness ≤ orTimeout's",
                                  f"{med(p99):.1f} / {med(base):.1f} ms = {med(p99) / med(base):.2f}×",
                                  med(p99) <= med(base)))
    return "\n\n".join([
        f"N calls started back to back, each with a 100 ms timeout on a method that sleeps "
        f"5 s, on the default executor (virtual threads on JDK 25, platform threads on JDK 17); "
        f"lateness = time from each call's deadline to its future failing, in ms; {reps}× per "
        "point, median [min–max] of each statistic over the runs. `submit ms`: time to start all N.",
        table(["JDK", "N", "contender", "p50 ms", "p99 ms", "max ms", "submit ms", "p99 ÷ orTimeout"],
              rows)])


# ---------------------------------------------------------------------------------------------
# 4. javac cost


def javac_cost(args, out, goals):
    sizes = [100, 1000]
    reps = 1 if args.quick else args.reps
    jdks = [(JDK25, 25)] if args.quick else [(JDK17, 17), (JDK25, 25)]
    work = os.path.join(TARGET, "javac-cost")
    shutil.rmtree(work, ignore_errors=True)
    # Class files and generated sources go to a RAM disk where there is one: on this VM's disk a
    # javac run pays up to 1 ms per file it writes, varying from run to run, which is the disk's
    # cost, not the compiler's, and each family writes the same number of files per class.
    scratch_root = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else work
    scratch = tempfile.mkdtemp(prefix="asyncdsl-javac-", dir=scratch_root)
    jar = lambda name: os.path.join(JARS, name + ".jar")
    proc_path = jar("async-processor") + os.pathsep + jar("javapoet")
    for kind in ("async", "autovalue"):
        for n in sizes:
            d = os.path.join(work, f"{kind}-{n}")
            subprocess.run([java(JDK17 if os.path.exists(java(JDK17)) else JDK25), "-cp", BENCH_JAR,
                            "dev.asyncdsl.benchmarks.JavacCostSources", kind, str(n), d], check=True)
            if kind == "async":
                # The twins as plain sources: compiling them with -proc:none beside the classes
                # they belong to separates javac's work on the generated code from the processing.
                twins = os.path.join(d, "twins")
                os.makedirs(twins)
                subprocess.run([javac(JDK25), "--release", "17", "-proc:only", "-s", twins,
                                "-cp", jar("async-annotations"), "-processorpath", proc_path,
                                "@" + os.path.join(d, "sources.txt")], check=True)
                with open(os.path.join(d, "sources.txt")) as f:
                    listed = f.read().split()
                listed += sorted(os.path.join(root, name) for root, _, names in os.walk(twins)
                                 for name in names if name.endswith(".java"))
                with open(os.path.join(d, "sources-with-twins.txt"), "w") as f:
                    f.write("\n".join(listed) + "\n")
    variants = {
        "async-plain": ("async", "sources.txt", ["-cp", jar("async-annotations"), "-proc:none"]),
        "async-proc": ("async", "sources.txt", ["-cp", jar("async-annotations"), "-processorpath", proc_path]),
        "async-twins": ("async", "sources-with-twins.txt", ["-cp", jar("async-annotations"), "-proc:none"]),
        "async-only": ("async", "sources.txt", ["-cp", jar("async-annotations"), "-processorpath", proc_path,
                                                "-proc:only"]),
        "autovalue-plain": ("autovalue", "sources.txt", ["-cp", jar("auto-value-annotations"), "-proc:none"]),
        "autovalue-proc": ("autovalue", "sources.txt", ["-cp", jar("auto-value-annotations"),
                                                        "-processorpath", jar("auto-value")]),
        "autovalue-only": ("autovalue", "sources.txt", ["-cp", jar("auto-value-annotations"),
                                                        "-processorpath", jar("auto-value"), "-proc:only"]),
    }
    runs = {}
    try:
        for rep in range(reps):
            for jdk, v in jdks:
                for n in sizes:
                    for name, (kind, listing, flags) in variants.items():
                        d = os.path.join(work, f"{kind}-{n}")
                        classes = os.path.join(scratch, "classes")
                        gen = os.path.join(scratch, "generated")
                        for p in (classes, gen):
                            shutil.rmtree(p, ignore_errors=True)
                            os.makedirs(p)
                        log(f"javac rep {rep + 1}/{reps}: JDK {v} {name} {n} classes")
                        r = timed([javac(jdk), "--release", "17", "-d", classes, "-s", gen] + flags
                                  + ["@" + os.path.join(d, listing)], timeout=600)
                        if not r["ok"]:
                            log(f"  failed: {r.get('error')}")
                        runs.setdefault((v, name, n), []).append(r)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    with open(os.path.join(out, "javac.json"), "w") as f:
        json.dump({f"{v}@{k}@{n}": r for (v, k, n), r in runs.items()}, f, indent=1)

    def walls(v, name, n):
        return [r["wall"] for r in runs[(v, name, n)] if r["ok"]]

    def line(v, base, name):
        """(slope s/class, fixed s) of name's extra over base."""
        extra = {n: med(walls(v, name, n)) - med(walls(v, base, n)) for n in sizes}
        slope = (extra[1000] - extra[100]) / 900.0
        return slope, extra[100] - 100 * slope

    rows, derived, split = [], [], []
    for _, v in jdks:
        for name, title in (("async-plain", "3 `@Async` methods per class, `-proc:none`"),
                            ("async-proc", "3 `@Async` methods per class, asyncdsl processor"),
                            ("async-only", "… asyncdsl processor, `-proc:only` (no class files)"),
                            ("async-twins", "… no processor: the classes and their generated twins "
                                            "as plain sources, `-proc:none`"),
                            ("autovalue-plain", "`@AutoValue` class, 3 properties, `-proc:none`"),
                            ("autovalue-proc", "`@AutoValue` class, 3 properties, AutoValue processor"),
                            ("autovalue-only", "… AutoValue processor, `-proc:only` (no class files)")):
            rows.append([v, title] + [spread(walls(v, name, n)) for n in sizes])
        d = {}
        for fam in ("async", "autovalue"):
            slope, fixed = line(v, fam + "-plain", fam + "-proc")
            plain = {n: med(walls(v, fam + "-plain", n)) for n in sizes}
            plain_slope = (plain[1000] - plain[100]) / 900.0
            d[fam] = (slope, fixed)
            derived.append([v, "asyncdsl" if fam == "async" else "AutoValue",
                            f"{plain_slope * 1000:.2f}", f"{slope * 1000:.2f}", f"{fixed:.2f}"])
        a, av = d["async"], d["autovalue"]
        derived.append([v, "asyncdsl ÷ AutoValue", "", ratio(a[0], av[0]), ratio(a[1], av[1])])
        twins = line(v, "async-plain", "async-twins")
        processing = line(v, "async-twins", "async-proc")
        split.append([v, "javac compiling the twins (twins as sources minus `-proc:none`)",
                      f"{twins[0] * 1000:.2f}", f"{twins[1]:.2f}"])
        split.append([v, "processing: the processor's work and javac's extra rounds "
                         "(processor minus twins as sources)",
                      f"{processing[0] * 1000:.2f}", f"{processing[1]:.2f}"])
        split.append([v, "AutoValue, everything (for comparison)", f"{av[0] * 1000:.2f}", f"{av[1]:.2f}"])
        goals.append((f"4. JDK {v}: processor cost per class ≤ ½ AutoValue's",
                      f"{a[0] * 1000:.2f} vs {av[0] * 1000:.2f} ms", a[0] <= 0.5 * av[0]))
        goals.append((f"4. JDK {v}: processor fixed cost ≤ ½ AutoValue's",
                      f"{a[1]:.2f} vs {av[1]:.2f} s", a[1] <= 0.5 * av[1]))
    where = "a RAM disk (`/dev/shm`)" if scratch_root == "/dev/shm" else "the module's target directory"
    return "\n\n".join([
        f"`javac --release 17` (the JDK's own binary) on generated projects, one process per "
        f"compile, wall time in s, {reps}× per point, median [min–max]; class files and generated "
        f"sources are written to {where}. Each family is measured against its own sources compiled "
        "with `-proc:none`; the processor's extra cost (processor minus `-proc:none`) is split "
        "into a per-class slope (between 100 and 1,000 classes) and a fixed part. The `-proc:only` "
        "rows run the processor without compiling anything; the twins-as-sources row compiles "
        "exactly what the processor generates, without running it.",
        table(["JDK", "sources and processor path", "100 classes s", "1,000 classes s"], rows),
        table(["JDK", "processor", "plain compile ms/class", "processor extra ms/class",
               "processor fixed s"], derived),
        "Where asyncdsl's extra cost goes (same split: slope and fixed part):",
        table(["JDK", "part", "ms/class", "fixed s"], split)])


# ---------------------------------------------------------------------------------------------
# 5. Soak against a server that is down (optional group: --groups soak)


def soak(args, out, goals):
    points = [(JDK25, 25, 10_000), (JDK17, 17, 1_000)]
    if args.quick:
        points = [(JDK25, 25, 1_000), (JDK17, 17, 1_000)]
    reps = 1 if args.quick else args.reps
    main = "dev.asyncdsl.benchmarks.DownServerSoak"
    runs = {}
    for rep in range(reps):
        for jdk, v, n in points:
            log(f"soak rep {rep + 1}/{reps}: JDK {v} N={n}")
            r = timed([java(jdk), "-cp", BENCH_JAR, main, str(n)], timeout=300)
            if not r["ok"]:
                log(f"  failed: {r.get('error')}")
            runs.setdefault((v, n), []).append(r)
    with open(os.path.join(out, "soak.json"), "w") as f:
        json.dump({f"{v}@{n}": rs for (v, n), rs in runs.items()}, f, indent=1)
    rows = []
    for jdk, v, n in points:
        rs = runs[(v, n)]
        ok = [r["result"] for r in rs if r["result"]]

        def col(key):
            return [x[key] for x in ok if key in x]

        left = [int(x["bodiesRunning"] + x["openConnections"] + max(0, x["fdAfter"] - x["fdBefore"]))
                for x in ok]
        rows.append([f"JDK {v}", f"{n:,}", spread(col("p50")), spread(col("p99")),
                     spread(col("bodiesReturnedMillis"), 0), spread(col("connectionsClosedMillis"), 0),
                     spread(col("accepted"), 0),
                     " / ".join(f"{int(x['fdBefore'])}→{int(x['fdAfter'])}" for x in ok),
                     str(sum(left)) if len(ok) == len(rs) else f"{sum(left)} ({len(rs) - len(ok)} runs failed)"])
        goals.append((f"5. JDK {v}, N={n:,}: nothing left after a down server's timeouts",
                      f"{sum(left)} bodies + connections + descriptors left over {len(ok)} runs",
                      len(ok) == len(rs) and sum(left) == 0))
    return "\n\n".join([
        f"`DownServerSoak <N>`: N concurrent `@Timeout(3 s)` calls through `HttpURLConnection` with "
        "`Tasks.closeOnCancel(conn::disconnect)` and `Tasks.remaining()` as connect and read "
        "timeouts (the README's advice for `HttpURLConnection`), to a "
        "server (a child JVM) that accepts and never answers; one process per point, "
        f"{reps}× per point, median [min–max]. Lateness is the future's failure after its "
        "deadline; bodies returned is the time from the last call's deadline until every method "
        "body had returned, connections closed until the server had seen every connection closed "
        "(polled every 5 ms); fds are the client "
        "process's `/proc/self/fd` before and after (per run).",
        table(["JDK", "N", "late p50 ms", "late p99 ms", "bodies returned ms", "connections closed ms",
               "connections accepted", "fds before→after", "left"], rows)])


# ---------------------------------------------------------------------------------------------
# 7. Fault-tolerance policies per call (optional group: --groups faulttolerance)

FT_POLICIES = [
    ("none", "no policy (`AsyncRuntime.call` / `supplyAsync`)"),
    ("retry", "retry: 3 retries, no delay"),
    ("circuit", "circuit breaker, closed"),
    ("bulkhead", "bulkhead: 10 + queue 10"),
    ("timeout", "timeout: 10 s, never reached"),
    ("open", "circuit breaker, open: call rejected"),
]
FT_OUTCOMES = [("ok", "succeeds"), ("fail", "throws")]
FT_OTHERS = [("resilience4j", "Resilience4j"), ("smallrye", "SmallRye")]


def faulttolerance(args, out, goals):
    """JMH FaultToleranceOverhead on the inline executor, in rounds of one fork each (as the
    overhead group); a cell is the median over rounds of each round's median iteration."""
    rounds = 1 if args.quick else args.ft_rounds
    per_round = []  # {(policy, outcome, contender): (ns, B)}
    meta = None
    for r in range(rounds):
        jmh_json = os.path.join(out, f"ft-round{r + 1}.json")
        cmd = [java(JDK25), "-jar", BENCH_JAR, "FaultToleranceOverhead", "-f", "1", "-prof", "gc",
               "-rf", "json", "-rff", jmh_json]
        cmd += (["-wi", "1", "-i", "1", "-w", "300ms", "-r", "300ms"] if args.quick
                else ["-wi", "3", "-i", "3", "-w", "1s", "-r", "1s"])
        log(f"faulttolerance round {r + 1}/{rounds}: " + " ".join(cmd[2:]))
        with open(os.path.join(out, f"ft-round{r + 1}.log"), "w") as logf:
            rc = subprocess.run(cmd, stdout=logf, stderr=subprocess.STDOUT).returncode
        if rc != 0:
            return f"JMH failed (exit {rc}); see {out}/ft-round{r + 1}.log"
        with open(jmh_json) as f:
            data = json.load(f)
        res = {}
        for entry in data:
            policy, outcome, contender = entry["benchmark"].rsplit(".", 1)[1].split("_")
            times = [v for fork in entry["primaryMetric"]["rawData"] for v in fork]
            alloc = entry["secondaryMetrics"].get("gc.alloc.rate.norm", {})
            bytes_ = [v for fork in alloc.get("rawData", []) for v in fork]
            res[(policy, outcome, contender)] = (med(times), med(bytes_) if bytes_ else None)
        per_round.append(res)
        meta = data[0]

    def col(key, i):
        return [r[key][i] for r in per_round if key in r and r[key][i] is not None]

    def cell(key):
        t, b = col(key, 0), col(key, 1)
        if not t:
            return "n/a", "n/a"
        return spread(t, 0), spread(b, 0)

    iters = len(meta["primaryMetric"]["rawData"][0])
    parts = [f"JDK 25, JMH {meta.get('jmhVersion', '')}, `-prof gc`, one caller thread, inline "
             "executor (`Runnable::run`: no thread hand-off, only the policies' own cost). "
             f"{rounds} round(s), each a fresh fork per benchmark ({meta.get('warmupIterations', '')} × "
             f"{meta.get('warmupTime', '')} warm-up, {iters} × {meta.get('measurementTime', '')} "
             "measured); a cell is the median over rounds of each round's median iteration "
             "[min–max over rounds]. ns = ns/call, B = `gc.alloc.rate.norm` bytes/call. The goal: "
             "asyncdsl's time ≤ the best other's and its bytes < the best other's (medians)."]
    rows = []
    for policy, ptitle in FT_POLICIES:
        for outcome, otitle in FT_OUTCOMES:
            if policy == "open" and outcome == "fail":
                continue
            mine = (policy, outcome, "asyncdsl")
            if not col(mine, 0):
                continue
            others = [(policy, outcome, "supplyAsync")] if policy == "none" else \
                [(policy, outcome, c) for c, _ in FT_OTHERS]
            mt, mb = med(col(mine, 0)), med(col(mine, 1)) if col(mine, 1) else None
            row = [ptitle, "—" if policy == "open" else otitle, *cell(mine)]
            best_t = best_b = None
            for o in others:
                t, b = cell(o)
                row += [("`supplyAsync` " + t) if policy == "none" else t, b]
                if col(o, 0):
                    ot = med(col(o, 0))
                    best_t = ot if best_t is None else min(best_t, ot)
                if col(o, 1):
                    ob = med(col(o, 1))
                    best_b = ob if best_b is None else min(best_b, ob)
            if policy == "none":
                row += ["", ""]
                verdict = "(baseline)"
            else:
                t_ok = best_t is not None and mt <= best_t
                b_ok = best_b is not None and mb is not None and mb < best_b
                verdict = ("yes" if t_ok and b_ok else "**no**: " + ", ".join(
                    x for x, bad in (("time", not t_ok), ("bytes", not b_ok)) if bad))
                goals.append((f"7. {policy} {outcome}: asyncdsl ≤ best other's time, < its bytes",
                              f"{mt:.0f} vs {best_t:.0f} ns, {mb:.0f} vs {best_b:.0f} B",
                              t_ok and b_ok))
            row.append(verdict)
            rows.append(row)
    parts.append(table(["policy", "body", "asyncdsl ns", "asyncdsl B", "Resilience4j ns",
                        "Resilience4j B", "SmallRye ns", "SmallRye B", "goal met"], rows))
    alone = col(("open", "exceptionAlone", "asyncdsl"), 1)
    rejected = col(("open", "ok", "asyncdsl"), 1)
    rejected_t = col(("open", "ok", "asyncdsl"), 0)
    if alone and rejected:
        fast = med(rejected_t) < 1000
        lean = med(rejected) <= med(alone)
        parts.append(f"Open circuit: asyncdsl rejects in {med(rejected_t):.0f} ns and "
                     f"{med(rejected):.0f} B per call; the `CircuitBreakerOpenException` alone is "
                     f"{med(alone):.0f} B (`open_exceptionAlone_asyncdsl`).")
        goals.append(("7. open circuit: asyncdsl rejects in well under 1 µs",
                      f"{med(rejected_t):.0f} ns", fast))
        goals.append(("7. open circuit: asyncdsl allocates no more than the exception",
                      f"{med(rejected):.0f} vs {med(alone):.0f} B", lean))
    parts.append("The no-policy row compares `AsyncRuntime.call` with `supplyAsync` (in the "
                 "Resilience4j column). Resilience4j and SmallRye guard a stage, so their body is "
                 "`supplyAsync(body, executor)`: a failing `supplyAsync` wraps the exception in a "
                 "`CompletionException` with a stack trace, which both pay on every failing call.")
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------------------------
# 10. Context propagation per call (optional group: --groups context)

CONTEXT_ROWS = [
    ("supplyAsync", "`supplyAsync(body, ex)`, nothing carried", "supplyAsync"),
    ("twinNoPropagator", "twin, no propagator registered", "twinNoPropagator"),
    ("twinMdc", "twin + asyncdsl `MdcPropagator`", "twinNoPropagator"),
    ("springDecorator", "Spring `ContextPropagatingTaskDecorator` + Micrometer "
                        "`Slf4jThreadLocalAccessor`", "supplyAsync"),
    ("resilience4jPropagator", "Resilience4j `ContextPropagator.decorateRunnable` + MDC "
                               "propagator", "supplyAsync"),
]
CONTEXT_OTHERS = ("springDecorator", "resilience4jPropagator")
# What a twin call cost per call before context propagation existed (CallOverhead.twin, JDK 25):
# with no propagator present a call must cost the same.
CONTEXT_NO_PROPAGATOR_BYTES = {"virtual": 456, "fixed4": 157, "inline": 80}


def context(args, out, goals):
    """JMH ContextOverhead in rounds of one fork per benchmark (as the overhead group), on JDK 25
    (virtual, fixed4, inline, with CallOverhead.twin) and JDK 17 (fixed4, inline); ratios are
    taken within each round."""
    rounds = 1 if args.quick else args.ctx_rounds
    # JDK 25 also runs CallOverhead's twin and hand-written calls: the twin's cost with no
    # propagator, to compare with what it was before context propagation existed.
    points = [(25, JDK25, "virtual,fixed4,inline",
               ["ContextOverhead", "CallOverhead.(twin|handWritten)$"]),
              (17, JDK17, "fixed4,inline", ["ContextOverhead"])]
    per_round = []  # {(jdk, name, executor): (median us, median B)}
    meta = None
    for r in range(rounds):
        res = {}
        for v, jdk, executors, include in points:
            jmh_json = os.path.join(out, f"ctx-jdk{v}-round{r + 1}.json")
            cmd = [java(jdk), "-jar", BENCH_JAR] + include + ["-p", f"executor={executors}",
                   "-f", "1", "-prof", "gc", "-rf", "json", "-rff", jmh_json]
            cmd += (["-wi", "1", "-i", "2", "-w", "1s", "-r", "1s"] if args.quick
                    else ["-wi", "3", "-i", "5", "-w", "1s", "-r", "1s"])
            log(f"context round {r + 1}/{rounds}, JDK {v}: " + " ".join(cmd[2:]))
            with open(os.path.join(out, f"ctx-jdk{v}-round{r + 1}.log"), "w") as logf:
                rc = subprocess.run(cmd, stdout=logf, stderr=subprocess.STDOUT).returncode
            if rc != 0:
                return f"JMH failed (exit {rc}); see {out}/ctx-jdk{v}-round{r + 1}.log"
            with open(jmh_json) as f:
                data = json.load(f)
            for entry in data:
                cls, name = entry["benchmark"].rsplit(".", 2)[1:]
                name = f"{cls}.{name}" if cls != "ContextOverhead" else name
                ex = entry["params"]["executor"]
                times = [t for fork in entry["primaryMetric"]["rawData"] for t in fork]
                alloc = entry["secondaryMetrics"].get("gc.alloc.rate.norm", {})
                bytes_ = [b for fork in alloc.get("rawData", []) for b in fork]
                res[(v, name, ex)] = (med(times), med(bytes_) if bytes_ else None)
            meta = data[0]
        per_round.append(res)

    def col(key, i):
        return [r[key][i] for r in per_round if key in r and r[key][i] is not None]

    def cheaper(r, v, ex, i):
        xs = [r[(v, o, ex)][i] for o in CONTEXT_OTHERS
              if (v, o, ex) in r and r[(v, o, ex)][i] is not None]
        return min(xs) if xs else None

    def vs_cheaper(v, name, ex, i):
        return [r[(v, name, ex)][i] / cheaper(r, v, ex, i) for r in per_round
                if (v, name, ex) in r and r[(v, name, ex)][i] is not None and cheaper(r, v, ex, i)]

    def added(v, name, base, ex, i):
        return [r[(v, name, ex)][i] - r[(v, base, ex)][i] for r in per_round
                if (v, name, ex) in r and (v, base, ex) in r
                and r[(v, name, ex)][i] is not None and r[(v, base, ex)][i] is not None]

    iters = len(meta["primaryMetric"]["rawData"][0])
    parts = [f"JMH {meta.get('jmhVersion', '')}, `-prof gc`, one caller thread whose MDC "
             "(logback's) holds one key, a request id; the body reads it. "
             f"{rounds} round(s); each round runs every benchmark in a fresh fork "
             f"({meta.get('warmupIterations', '')} × {meta.get('warmupTime', '')} warm-up, "
             f"{iters} × {meta.get('measurementTime', '')} measured), on JDK 25 and then JDK 17. "
             "A cell is the median over rounds of each round's median iteration [min–max over "
             "rounds]; ratios and differences are taken within each round. \"÷ cheaper other\" "
             "divides by the cheaper of Spring and Resilience4j in that round (time and bytes "
             "separately); \"carrying adds\" is a contender minus the same call carrying nothing "
             "(the twin's: the twin without a propagator; the others': plain `supplyAsync`). "
             "B/call is `gc.alloc.rate.norm`: all threads' allocation (the executor's too) "
             "divided by calls."]
    labels = {"virtual": "virtual thread per call (`AsyncRuntime.defaultExecutor()`)",
              "fixed4": "fixed pool of 4 platform threads (`Executors.newFixedThreadPool(4)`)",
              "inline": "inline executor (`Runnable::run`): no thread hand-off"}
    for v, _, executors, _ in points:
        for ex in executors.split(","):
            digits = 3 if ex == "inline" else 1
            rows = []
            for name, title, base in CONTEXT_ROWS:
                t, b = col((v, name, ex), 0), col((v, name, ex), 1)
                if not t:
                    continue
                tr, br = vs_cheaper(v, name, ex, 0), vs_cheaper(v, name, ex, 1)
                dt, db = added(v, name, base, ex, 0), added(v, name, base, ex, 1)
                rows.append([title, spread(t, digits), spread(tr) + "×" if tr else "n/a",
                             spread(b, 0), spread(br) + "×" if br else "n/a",
                             "—" if name == base else spread(dt, digits),
                             "—" if name == base else spread(db, 0)])
            parts.append(f"**JDK {v}, {labels[ex]}**\n\n" + table(
                ["contender", "µs/call", "time ÷ cheaper other", "B/call", "bytes ÷ cheaper other",
                 "carrying adds µs", "carrying adds B"], rows))
            tr, br = vs_cheaper(v, "twinMdc", ex, 0), vs_cheaper(v, "twinMdc", ex, 1)
            if tr and br:
                mine_b = med(col((v, "twinMdc", ex), 1))
                best_b = med([cheaper(r, v, ex, 1) for r in per_round if cheaper(r, v, ex, 1)])
                goals.append((f"10. JDK {v}, {ex}: twin + MDC ≤ the cheaper other's time",
                              f"{med(tr):.2f}× (rounds {min(tr):.2f}…{max(tr):.2f})",
                              med(tr) <= 1.0))
                goals.append((f"10. JDK {v}, {ex}: twin + MDC ≤ the cheaper other's bytes",
                              f"{mine_b:.0f} / {best_b:.0f} B = {med(br):.2f}×", med(br) <= 1.0))
    rows = []
    for ex in points[0][2].split(","):
        t, b = col((25, "CallOverhead.twin", ex), 0), col((25, "CallOverhead.twin", ex), 1)
        hb = col((25, "CallOverhead.handWritten", ex), 1)
        if not b:
            continue
        want = CONTEXT_NO_PROPAGATOR_BYTES[ex]
        rows.append([ex, spread(t, 3 if ex == "inline" else 1), spread(b, 0), spread(hb, 0),
                     f"{want}"])
        # On a real executor the hand-off's own allocation moves with the machine's load (parked
        # workers, continuations): the hand-written call of the same run is the control.
        same = round(med(b)) <= want or (hb and med(b) <= med(hb) * 1.01)
        goals.append((f"10. JDK 25, {ex}: no propagator, a twin call's bytes as before ({want} B)",
                      f"{med(b):.0f} B; hand-written {med(hb):.0f} B in the same run"
                      if hb else f"{med(b):.0f} B", bool(same)))
    if rows:
        parts.append("**No propagator registered: `CallOverhead` (JDK 25), the twin's bytes per "
                     "call beside the hand-written `supplyAsync` of the same run and the twin's "
                     "figure before context propagation existed (section 1)**\n\n" + table(
                         ["executor", "twin µs/call", "twin B/call", "hand-written B/call",
                          "twin B/call before"], rows))
    parts.append("On the inline executor Resilience4j's `clear` (`MDC.clear()`) empties the "
                 "caller's own MDC, so its benchmark puts the request id back after each call "
                 "and pays for that. Every carrying contender checks on each call that the body "
                 "saw the request id.")
    return "\n\n".join(parts)

# ---------------------------------------------------------------------------------------------
# 12. Metrics per call (optional group: --groups metrics)

METRICS_SCENARIOS = [
    ("retry", "retry: 3 retries, no delay"),
    ("all", "timeout 10 s + retry 3 + circuit breaker"),
]
METRICS_OUTCOMES = [("ok", "succeeds"), ("fail", "throws (4 attempts)")]
# (library, title, contender without metrics, contender with them)
METRICS_LIBS = [
    ("asyncdsl", "asyncdsl + `AsyncMetrics`", "asyncdsl", "asyncdslMetrics"),
    ("smallrye", "SmallRye + `MicrometerAdapter`", "smallrye", "smallryeMetrics"),
    ("resilience4j", "Resilience4j + `Tagged*Metrics`", "resilience4j", "resilience4jMetrics"),
]
SPI_ROWS = [("plain", "named call, no policy (`AsyncRuntime.call(ex, method, body)`)"),
            ("retry", "retry: 3 retries, no delay")]
SPI_CONTENDERS = [("asyncdsl", "no listener"),
                  ("asyncdslIgnore", "listener → `CallObserver.IGNORE`"),
                  ("asyncdslEmpty", "listener → empty observer")]


def metrics_allocations(out, jdk, r):
    """MetricsAllocations, one process per contender (round r): exact bytes per call on the
    caller's thread, wall and process CPU ns per call. Returns {(scenario, outcome, contender):
    (B, ns, cpu ns)}."""
    res = {}
    names = sorted({c for _, _, a, b in METRICS_LIBS for c in (a, b)} |
                   {c for c, _ in SPI_CONTENDERS})
    for name in names:
        cmd = [java(jdk), "-cp", BENCH_JAR, "dev.asyncdsl.benchmarks.MetricsAllocations", name]
        log(f"metrics round {r}, exact bytes and CPU time: " + " ".join(cmd[3:]))
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        with open(os.path.join(out, f"metrics-alloc-round{r}-{name}.log"), "w") as f:
            f.write(proc.stdout + proc.stderr)
        if proc.returncode != 0:
            log(f"  failed (exit {proc.returncode}); see metrics-alloc-round{r}-{name}.log")
            continue
        for line in proc.stdout.splitlines():
            m = re.match(r"(\w+)_(\w+)_(\w+)\s+([\d.]+) B/call\s+([\d.]+) ns/call\s+"
                         r"([\d.]+) cpu-ns/call", line)
            if m:
                res[(m.group(1), m.group(2), m.group(3))] = tuple(
                    float(m.group(k)) for k in (4, 5, 6))
    return res


def metrics(args, out, goals):
    """JMH MetricsOverhead on the inline executor, in rounds of one fork per benchmark, on each
    JDK of --metrics-jdks, and MetricsAllocations on JDK 25 in each round; what metrics add is
    taken within each round (with − without)."""
    rounds = 1 if args.quick else args.metrics_rounds
    jdks = [int(v) for v in args.metrics_jdks.split(",") if v.strip()]
    homes = {25: JDK25, 17: JDK17}
    # {jdk: [{(scenario, outcome, contender): (ns, B, exact B, cpu ns)}]}; the last two on 25 only
    per_round = {v: [] for v in jdks}
    meta = None
    for r in range(rounds):
        for v in jdks:
            jmh_json = os.path.join(out, f"metrics-jdk{v}-round{r + 1}.json")
            cmd = [java(homes[v])]
            if os.environ.get("JMH_IGNORE_LOCK"):
                cmd.append("-Djmh.ignoreLock=true")
            cmd += ["-jar", BENCH_JAR, "MetricsOverhead", "-f", "1", "-prof", "gc",
                    "-rf", "json", "-rff", jmh_json]
            cmd += (["-wi", "1", "-i", "1", "-w", "300ms", "-r", "300ms"] if args.quick
                    else ["-wi", "3", "-i", "3", "-w", "1s", "-r", "1s"])
            log(f"metrics round {r + 1}/{rounds}, JDK {v}: " + " ".join(cmd[1:]))
            with open(os.path.join(out, f"metrics-jdk{v}-round{r + 1}.log"), "w") as logf:
                rc = subprocess.run(cmd, stdout=logf, stderr=subprocess.STDOUT).returncode
            if rc != 0:
                return f"JMH failed (exit {rc}); see {out}/metrics-jdk{v}-round{r + 1}.log"
            with open(jmh_json) as f:
                data = json.load(f)
            exact = metrics_allocations(out, JDK25, r + 1) if v == 25 else {}
            res = {}
            for entry in data:
                key = tuple(entry["benchmark"].rsplit(".", 1)[1].split("_"))
                times = [t for fork in entry["primaryMetric"]["rawData"] for t in fork]
                alloc = entry["secondaryMetrics"].get("gc.alloc.rate.norm", {})
                bytes_ = [b for fork in alloc.get("rawData", []) for b in fork]
                ex = exact.get(key)
                res[key] = (med(times), med(bytes_) if bytes_ else None,
                            ex[0] if ex else None, ex[2] if ex else None)
            per_round[v].append(res)
            meta = data[0]

    def col(v, key, i):
        return [r[key][i] for r in per_round[v] if key in r and r[key][i] is not None]

    def added(v, s, o, a, b, i):
        return [r[(s, o, b)][i] - r[(s, o, a)][i] for r in per_round[v]
                if (s, o, a) in r and (s, o, b) in r
                and r[(s, o, a)][i] is not None and r[(s, o, b)][i] is not None]

    def m(xs):
        return med(xs) if xs else None

    def three(v, s, o, a, b, i):
        """without / with / adds"""
        if not col(v, (s, o, b), i):
            return "n/a"
        return (f"{spread(col(v, (s, o, a), i), 0)} / {spread(col(v, (s, o, b), i), 0)} / "
                f"{spread(added(v, s, o, a, b, i), 0)}")

    def signed(x):
        return "n/a" if x is None else f"{x:+.0f}"

    iters = len(meta["primaryMetric"]["rawData"][0])
    parts = [f"JMH {meta.get('jmhVersion', '')}, `-prof gc`, one caller thread, inline executor "
             "(`Runnable::run`: no thread hand-off, only the policies' and the metrics' own cost). "
             f"{rounds} round(s); each round runs every benchmark in a fresh fork "
             f"({meta.get('warmupIterations', '')} × {meta.get('warmupTime', '')} warm-up, "
             f"{iters} × {meta.get('measurementTime', '')} measured) on "
             + " and then ".join(f"JDK {v}" for v in jdks) + ", and on JDK 25 "
             "`MetricsAllocations`, one process per contender. A cell is the median over rounds "
             "[min–max over rounds] of: ns, JMH's median iteration (ns/call, wall time); CPU ns, "
             "the process's CPU time per call over about 2 s of calls after 3 s of them, every "
             "thread's, which the machine's other load disturbs far less than wall time; B, JMH's `gc.alloc.rate.norm` (bytes per call, every thread); "
             "exact B, the caller's thread's bytes per call counted with `ThreadMXBean`. \"adds\" "
             "is taken within each round (with metrics − without). Every registry is a "
             "`SimpleMeterRegistry`; each contender's setup and teardown check that its meters "
             "moved."]
    for v in jdks:
        rows, grows = [], []
        for s, stitle in METRICS_SCENARIOS:
            for o, otitle in METRICS_OUTCOMES:
                adds, totals = {}, {}
                for lib, ltitle, a, b in METRICS_LIBS:
                    if not col(v, (s, o, b), 0):
                        continue
                    row = [stitle, otitle, ltitle, three(v, s, o, a, b, 0)]
                    if v == 25:
                        row.append(three(v, s, o, a, b, 3))
                    row.append(three(v, s, o, a, b, 1))
                    if v == 25:
                        row.append(three(v, s, o, a, b, 2))
                    rows.append(row)
                    adds[lib] = tuple(m(added(v, s, o, a, b, i)) for i in range(4))
                    totals[lib] = tuple(m(col(v, (s, o, b), i)) for i in range(4))
                if "asyncdsl" not in adds or len(adds) < 2:
                    continue
                libs = ["asyncdsl"] + [k for k in adds if k != "asyncdsl"]
                others = libs[1:]

                def less(table_, i):
                    if any(table_[k][i] is None for k in libs):
                        return None
                    return all(table_["asyncdsl"][i] < table_[k][i] for k in others)

                def yn(x):
                    return "n/a" if x is None else ("yes" if x else "**no**")

                measures = [(0, "ns"), (3, "CPU ns"), (1, "B")] if v == 25 else [(0, "ns"), (1, "B")]
                row = [stitle, otitle]
                for i, _ in measures:
                    row.append(" / ".join(signed(adds[k][i]) for k in libs) + " → "
                               + yn(less(adds, i)))
                for i, _ in measures:
                    row.append(" / ".join("n/a" if totals[k][i] is None else f"{totals[k][i]:.0f}"
                                          for k in libs) + " → " + yn(less(totals, i)))
                grows.append(row)
                for i, unit in measures:
                    ok_add, ok_tot = less(adds, i), less(totals, i)
                    if ok_add is not None:
                        goals.append((f"12. JDK {v}, {s} {o}: asyncdsl's metrics add less {unit} "
                                      "than SmallRye's and Resilience4j's",
                                      " / ".join(signed(adds[k][i]) for k in libs)
                                      + f" {unit} ({', '.join(libs)})", ok_add))
                    if ok_tot is not None:
                        goals.append((f"12. JDK {v}, {s} {o}: asyncdsl with metrics costs less "
                                      f"{unit} than the others with theirs",
                                      " / ".join(f"{totals[k][i]:.0f}" for k in libs)
                                      + f" {unit}", ok_tot))
        head = ["policies", "body", "library", "ns without / with / adds"]
        if v == 25:
            head.append("CPU ns without / with / adds")
        head.append("B without / with / adds")
        if v == 25:
            head.append("exact B without / with / adds")
        parts.append(f"**JDK {v}: each library without and with its Micrometer metrics**\n\n"
                     + table(head, rows))
        units = ["ns", "CPU ns", "B"] if v == 25 else ["ns", "B"]
        parts.append(f"**JDK {v}: the goal, cheaper than both** (asyncdsl / SmallRye / "
                     "Resilience4j; → whether asyncdsl's is the smallest)\n\n" + table(
                         ["policies", "body"] + [f"metrics add, {u}" for u in units]
                         + [f"total with metrics, {u}" for u in units], grows))
        srows = []
        for s, stitle in SPI_ROWS:
            for o, otitle in METRICS_OUTCOMES:
                if not col(v, (s, o, "asyncdsl"), 0):
                    continue
                row = [stitle, "throws" if s == "plain" and o == "fail" else otitle]
                for c, _ in SPI_CONTENDERS:
                    key = (s, o, c)
                    cell = f"{spread(col(v, key, 0), 0)} ns"
                    if v == 25:
                        cell += f", {spread(col(v, key, 3), 0)} CPU ns"
                    cell += f", {spread(col(v, key, 1), 0)} B"
                    if v == 25 and col(v, key, 2):
                        cell += f" (exact {m(col(v, key, 2)):.0f})"
                    if c != "asyncdsl":
                        d = [signed(m(added(v, s, o, "asyncdsl", c, i)))
                             for i in ((0, 3, 2) if v == 25 else (0, 1))]
                        cell += ("; adds " + d[0] + " ns, " + d[1] + " CPU ns, " + d[2] + " B"
                                 if v == 25 else "; adds " + d[0] + " ns, " + d[1] + " B")
                    row.append(cell)
                srows.append(row)
        parts.append(f"**JDK {v}: the events SPI itself** (\"adds\": over no listener, within "
                     "each round" + ("; bytes exact" if v == 25 else "") + ")\n\n" + table(
                         ["call", "body"] + [t for _, t in SPI_CONTENDERS], srows))
    parts.append("Resilience4j's retry counts its calls whether or not a binder reads them "
                 "(`TaggedRetryMetrics` registers `FunctionCounter`s over `Retry.Metrics`), so "
                 "binding adds nothing per call there; its circuit breaker and time limiter "
                 "binders consume events (`onSuccess`, `onError`: a timer or a counter each). "
                 "SmallRye records a guard's metrics only when it has a description "
                 "(`withDescription`), and is configured once per JVM "
                 "(`StandaloneFaultTolerance.configure`), so each contender runs in its own "
                 "process. Resilience4j's failing retry runs its next attempts on its scheduler's "
                 "thread: the caller's exact bytes leave those out, JMH's B and the CPU time "
                 "count them.")
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------------------------
# 14. A Spring Boot service under load (optional group: --groups spring)

SPRING_JAR = os.environ.get("SPRING_SERVICE_JAR") or os.path.join(
    MODULE, "spring-service", "target", "spring-service.jar")
SPRING_VARIANTS = [
    ("asyncdsl", "asyncdsl twin"),
    ("resilience4j", "Spring `@Async` + Resilience4j annotations"),
    ("handwritten", "hand-written virtual threads + `orTimeout`"),
]


def spring(args, out, goals):
    rounds = 1 if args.quick else args.spring_rounds
    clients = args.spring_clients
    warmup, measure = (3, 5) if args.quick else (args.spring_warmup, args.spring_seconds)
    latency, slow_every, slow_ms = 20, 50, 1000
    runs = {v: [] for v, _ in SPRING_VARIANTS}
    for r in range(rounds):
        order = [SPRING_VARIANTS[(i + r) % len(SPRING_VARIANTS)][0]
                 for i in range(len(SPRING_VARIANTS))]
        if r % 2 == 1:
            order.reverse()
        for v in order:
            log(f"spring round {r + 1}/{rounds}: {v}")
            res = timed([java(JDK25), "-cp", BENCH_JAR, "dev.asyncdsl.benchmarks.SpringLoad", v,
                         java(JDK25), SPRING_JAR, str(clients), str(warmup), str(measure),
                         str(latency), str(slow_every), str(slow_ms),
                         os.path.join(out, f"spring-{v}-{r + 1}.log")],
                        timeout=warmup + measure + 300)
            if not res["ok"]:
                log(f"  failed: {res.get('error')}")
            res["round"] = r
            runs[v].append(res)
    with open(os.path.join(out, "spring.json"), "w") as f:
        json.dump(runs, f, indent=1)

    def ok(v):
        return [x["result"] for x in runs[v] if x["ok"] and x["result"]]

    def col(v, key):
        return [x[key] for x in ok(v) if isinstance(x.get(key), float)]

    def by_round(v, key):
        return {x["round"]: x["result"][key] for x in runs[v]
                if x["ok"] and isinstance(x["result"].get(key), float)}

    def ratios(v, base, key):
        a, b = by_round(v, key), by_round(base, key)
        return [a[i] / b[i] for i in sorted(a) if i in b and b[i]]

    rows = []
    for v, name in SPRING_VARIANTS:
        rs = ok(v)
        readings = sum(x["readings"] for x in rs) or 1
        left = [f"{int(x['runningAfter'])} / {int(x['openAfter'])} / "
                f"{int(x['threadsAfter'] - x['threadsAfterWarmup']):+d}" for x in rs]
        released = [x["releasedSeconds"] for x in rs if x.get("releasedSeconds", -1) >= 0]
        threads_back = [x["settleSeconds"] for x in rs]
        live = [(x["readings"] - x["fallbacks"]) / x["seconds"] for x in rs if x.get("seconds")]
        rows.append([name, spread(col(v, "rps"), 0), spread(live, 0), spread(col(v, "p50"), 1),
                     spread(col(v, "p99"), 0), spread(col(v, "max"), 0),
                     f"{int(sum(x['errors'] for x in rs))}",
                     f"{100 * sum(x['fallbacks'] for x in rs) / readings:.2f} %",
                     spread(col(v, "hwmMb"), 0),
                     spread([1000 * x["cpuSeconds"] / x["requests"] for x in rs if x["requests"]], 1),
                     spread(col(v, "startSeconds"), 1),
                     "; ".join(sorted(set(left))), spread(released, 1), spread(threads_back, 1)])
    vs = []
    for v, name in SPRING_VARIANTS[1:]:
        vs.append([f"asyncdsl ÷ {name}", spread(ratios("asyncdsl", v, "rps")),
                   spread(ratios("asyncdsl", v, "p99")), spread(ratios("asyncdsl", v, "hwmMb"))])

    def goal(label, xs, met):
        m = med(xs) if xs else None
        goals.append((label, f"{m:.2f}× (rounds {', '.join(f'{x:.2f}' for x in xs)})"
                      if xs else "n/a", bool(xs) and met(m)))

    goal("14. throughput: asyncdsl ahead of Spring + Resilience4j",
         ratios("asyncdsl", "resilience4j", "rps"), lambda m: m > 1)
    goal("14. p99: asyncdsl ahead of Spring + Resilience4j (ratio < 1)",
         ratios("asyncdsl", "resilience4j", "p99"), lambda m: m < 1)
    goal("14. throughput: asyncdsl within 5% of hand-written",
         ratios("asyncdsl", "handwritten", "rps"), lambda m: m >= 0.95)
    goal("14. p99: asyncdsl within 5% of hand-written",
         ratios("asyncdsl", "handwritten", "p99"), lambda m: m <= 1.05)
    leftover = [x for x in ok("asyncdsl")
                if x["runningAfter"] or x["openAfter"] or x["threadsAfter"] > x["threadsAfterWarmup"]]
    goals.append(("14. asyncdsl: no downstream call, connection or thread left after the load",
                  f"{len(leftover)} of {len(ok('asyncdsl'))} runs left something",
                  bool(ok("asyncdsl")) and not leftover and len(ok("asyncdsl")) == rounds))
    return "\n\n".join([
        f"`SpringLoad <variant>` (JDK 25): one Spring Boot 3.5 service (`spring-service`, Tomcat, "
        f"Actuator, `spring.threads.virtual.enabled`), one variant per server JVM (`-Xmx512m`); "
        f"{clients} clients, each one request at a time, for {warmup} s of warm-up and {measure} s "
        f"measured; each request gathers four calls to a downstream in the load's process that "
        f"answers after {latency} ms, every {slow_every}th call after {slow_ms} ms (past the "
        f"200 ms timeout, then one retry 20 ms later, then the fallback; the circuit opens for "
        f"1 s when 75 of the last 100 attempts failed; the hand-written variant has no circuit). "
        f"{rounds} round(s), the "
        f"variants' order rotated and reversed every other round; median [min–max] over rounds. "
        f"Live readings/s: the calls answered by the downstream, not by a fallback. "
        f"CPU is the server's user + system time per measured request; RSS is its "
        f"`VmHWM`. After the load: the seconds until no downstream call ran and no downstream "
        f"connection was open (the server's HttpClient closes idle ones after 2 s), the seconds "
        f"until the server had no more platform threads than after the warm-up (at most 75), and "
        f"what was left then: calls still running / connections open / platform threads against "
        f"the end of the warm-up.",
        table(["variant", "req/s", "live readings/s", "p50 ms", "p99 ms", "max ms", "errors", "fallback readings",
               "peak RSS MB", "CPU ms / req", "start s", "left", "released s",
               "threads back s"], rows),
        table(["ratio per round", "req/s", "p99", "peak RSS"], vs)])


# ---------------------------------------------------------------------------------------------


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(l.split()[1] for l in f if l.startswith("MemTotal")))
            mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return [
        f"- date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- machine: {os.cpu_count()} CPUs ({cpu}), {mem} RAM, Linux {platform.release()}",
        f"- JDK 25: {jdk_version(JDK25)}",
        f"- JDK 17: {jdk_version(JDK17)}",
        f"- Python: {subprocess.run([PYTHON, '--version'], capture_output=True, text=True).stdout.strip()}",
        f"- load average at start (1/5/15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def command():
    argv, skip = [], False
    for a in sys.argv[1:]:
        if skip:
            skip = False
        elif a == "--out":
            skip = True
        elif not a.startswith("--out="):
            argv.append(a)
    if os.environ.get("BENCH_JAR"):
        return " ".join([f"BENCH_JAR={os.environ['BENCH_JAR']}", "python3",
                         "async-benchmarks/src/main/python/bench.py"] + argv)
    return " ".join(["async-benchmarks/run-all.sh"] + argv)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="a smoke run of every group (~2 min)")
    p.add_argument("--groups", default="overhead,scale,timeout,javac",
                   help="comma-separated; 'soak' (a down server), 'faulttolerance' (per-call cost of "
                        "each fault-tolerance policy), 'context' (per-call cost of carrying the "
                        "MDC), 'metrics' (per-call cost of Micrometer metrics and of the events "
                        "SPI) and 'spring' (a Spring Boot service under load) are not in the "
                        "default")
    p.add_argument("--reps", type=int, default=5, help="repeats of every process-level point")
    p.add_argument("--forks", type=int, default=5, help="JMH rounds (one fork per benchmark each)")
    p.add_argument("--ft-rounds", type=int, default=2,
                   help="JMH rounds of the faulttolerance group (one fork per benchmark each)")
    p.add_argument("--ctx-rounds", type=int, default=3,
                   help="JMH rounds of the context group (one fork per benchmark each)")
    p.add_argument("--metrics-rounds", type=int, default=2,
                   help="JMH rounds of the metrics group (one fork per benchmark each)")
    p.add_argument("--metrics-jdks", default="25,17",
                   help="JDKs of the metrics group, in order (25, 17 or both)")
    p.add_argument("--spring-rounds", type=int, default=3,
                   help="rounds of the spring group (each variant once per round)")
    p.add_argument("--spring-clients", type=int, default=16,
                   help="concurrent clients of the spring group")
    p.add_argument("--spring-warmup", type=int, default=25, help="seconds of warm-up, spring group")
    p.add_argument("--spring-seconds", type=int, default=20,
                   help="measured seconds per run, spring group")
    p.add_argument("--jdk17-max", type=int, default=10_000,
                   help="largest N run on the JDK 17 platform-thread fallback")
    p.add_argument("--out", default=None)
    args = p.parse_args()
    out = args.out or os.path.join(TARGET, "bench-results", time.strftime("%Y%m%d-%H%M%S"))
    os.makedirs(out, exist_ok=True)
    started = time.time()
    groups = [g.strip() for g in args.groups.split(",") if g.strip()]
    goals = []
    sections = ["## Run", "\n".join(machine() + [
        "- command: `" + command() + "`"])]
    for g, title, fn in (("overhead", "1. Per-call overhead (JMH)", overhead),
                         ("scale", "2. The seed's scale claim: N one-second calls gathered", scale),
                         ("timeout", "3. Timeout precision under load", timeouts),
                         ("javac", "4. Processor cost (javac)", javac_cost),
                         ("soak", "5. Soak against a server that is down", soak),
                         ("faulttolerance", "7. Fault-tolerance policies per call (JMH)",
                          faulttolerance),
                         ("context", "10. Context propagation per call (JMH)", context),
                         ("metrics", "12. Metrics per call (JMH)", metrics),
                         ("spring", "14. A Spring Boot service under load", spring)):
        if g in groups:
            sections.append(f"## {title}")
            sections.append(fn(args, out, goals))
    sections.append("## Goals")
    sections.append(table(["goal", "measured", "met"],
                          [[g, m, "yes" if ok else "**no**"] for g, m, ok in goals]))
    sections.append(f"Total run time: {(time.time() - started) / 60:.1f} min; load average at the "
                    f"end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}. Raw data: `{out}`.")
    report = "\n\n".join(sections) + "\n"
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write(report)
    print(report)


if __name__ == "__main__":
    main()
