"""Process running with timeouts (the whole process group is killed on timeout) and simple statistics."""
import os
import re
import signal
import statistics
import subprocess
import time

ENV = dict(os.environ, DOTNET_NOLOGO="1", DOTNET_CLI_TELEMETRY_OPTOUT="1", NO_COLOR="1")


class Result:
    def __init__(self, rc, ms, out, err, timed_out=False):
        self.rc, self.ms, self.out, self.err, self.timed_out = rc, ms, out, err, timed_out

    @property
    def ok(self):
        return self.rc == 0 and not self.timed_out

    def text(self):
        return (self.out or "") + (self.err or "")


def start(argv, cwd=None):
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, cwd=cwd, env=ENV,
                            start_new_session=True)


def finish(p, t0, timeout):
    try:
        out, err = p.communicate(timeout=max(0.1, timeout - (time.perf_counter() - t0)))
        return Result(p.returncode, (time.perf_counter() - t0) * 1000, out, err)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = p.communicate()
        return Result(-9, (time.perf_counter() - t0) * 1000, out, (err or "") + f"\n[timed out after {timeout}s]", True)


def run(argv, timeout, cwd=None):
    t0 = time.perf_counter()
    try:
        p = start(argv, cwd)
    except OSError as e:
        return Result(127, 0, "", str(e))
    return finish(p, t0, timeout)


def run_many(argvs, timeout, cwd=None):
    """Starts every process at once; returns each Result with its time from the common start."""
    t0 = time.perf_counter()
    procs = [start(a, cwd) for a in argvs]
    return [finish(p, t0, timeout) for p in procs]


def stats(samples):
    if not samples:
        return {"median": None, "min": None, "max": None, "samples": 0}
    return {"median": round(statistics.median(samples), 2), "min": round(min(samples), 2),
            "max": round(max(samples), 2), "samples": len(samples)}


def first_lines(text, n=12, width=400):
    lines = [l for l in (text or "").splitlines() if l.strip()]
    return "\n".join(l[:width] for l in lines[:n])


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\[[0-9;]*m")


def error_lines(res, n=12, width=400):
    """What a person reads of a failed run: stderr first; else the last lines of stdout (where tools log the error)."""
    err = [ANSI.sub("", l)[:width] for l in (res.err or "").splitlines() if l.strip()]
    out = [ANSI.sub("", l)[:width] for l in (res.out or "").splitlines() if l.strip()]
    lines = err[:n] if err else out[-n:]
    if err and len(err) < n and out:
        lines = out[-(n - len(err)):] + err
    return "\n".join(lines)
