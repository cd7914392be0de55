#!/usr/bin/env bash
# Lint speed: `tidemark lint` over 1,000 migrations as a whole process (start-up included), squawk's time beside it.
#   bench/lint/run.sh [runs]      (default 5 runs after one warm-up; prints the median and min–max of each)
# Builds the CLI in Release, generates the 1,000-migration set with bench/generator (plain layout, the same
# files for both tools) and installs squawk-cli from npm into bench/lint/node_modules when missing.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../.." && pwd); RUNS=${1:-5}
command -v node >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
dotnet build "$ROOT/src/Tidemark.Cli" -c Release -v q -nologo -clp:ErrorsOnly >/dev/null
TIDEMARK="$ROOT/src/Tidemark.Cli/bin/Release/net10.0/Tidemark.Cli"
[ -x "$HERE/node_modules/.bin/squawk" ] || (cd "$HERE" && npm install --no-audit --no-fund --loglevel=error squawk-cli@2.66.0 >/dev/null)
SQUAWK="$HERE/node_modules/.bin/squawk"
SETS="$HERE/work/sets"; [ -d "$SETS/n1000/plain" ] || node "$ROOT/bench/generator/generate.mjs" "$SETS" 1000 >/dev/null
DIR="$SETS/n1000/plain"
python3 - "$TIDEMARK" "$SQUAWK" "$DIR" "$RUNS" <<'PY'
import statistics, subprocess, sys, time, os, glob, resource
tidemark, squawk, d, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
files = sorted(glob.glob(os.path.join(d, '*.sql')))
cases = {
  'tidemark lint': [tidemark, 'lint', '--dir', d, '--format', 'json'],
  'squawk': [squawk, '--reporter', 'json', '--assume-in-transaction'] + files,
}
print(f'{len(files)} migrations, {sum(open(f).read().count(";") for f in files)} statements; {runs} runs after a warm-up')
for name, cmd in cases.items():
    subprocess.run(cmd, capture_output=True)
    times, cpu = [], []
    for _ in range(runs):
        u0 = resource.getrusage(resource.RUSAGE_CHILDREN); t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - t); u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(u1.ru_utime - u0.ru_utime + u1.ru_stime - u0.ru_stime)
    print(f'{name:14} wall median {statistics.median(times)*1000:6.0f} ms (min {min(times)*1000:5.0f}, max {max(times)*1000:5.0f})   '
          f'CPU (user+sys) median {statistics.median(cpu)*1000:5.0f} ms (min {min(cpu)*1000:5.0f})   exit {r.returncode}')
print(f'load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores')
PY
