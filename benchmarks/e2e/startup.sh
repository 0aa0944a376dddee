#!/usr/bin/env bash
# What Observability.install() adds to start-up: runs dev.obs.benchmarks.e2e.StartupProbe (the
# benchmark service: install, one log line, the H2 table, the HTTP server, /health) with obs off
# (OBS_ENABLED=false) and on (every module: logging, metrics, tracing at 10 % with OTLP, errors with
# Sentry, both to a local discarding receiver), alternating, and prints the medians of the time from
# JVM start to the first log line after install() and to /health answering.
#
#   benchmarks/e2e/startup.sh [--rounds N] [--build reactor|none] [--out DIR]
#                             [--baseline NAME=CLASSPATH_FILE]... [--appcds]
#
# --baseline adds a side "on-NAME" run on another class path (e.g. the jars of an earlier commit,
# copied aside), in the same alternation, so before and after see the same load.
# --appcds gives every side an AppCDS archive of its own class path (one training run each with
# -XX:ArchiveClassesAtExit, then every measured run with -XX:SharedArchiveFile), as a service
# that ships one would start.
# Writes DIR/raw.tsv (one line per run, with the 1-minute load average before it) and DIR/summary.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP_DIR=$ROOT/benchmarks/e2e-app
ROUNDS=12
BUILD=none
OUT=$ROOT/benchmarks/results/startup-$(date -u +%Y-%m-%d-%H%M)
BASELINES=()
APPCDS=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) ROUNDS=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --baseline) BASELINES+=("$2"); shift 2 ;;
    --appcds) APPCDS=true; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
JAVA=$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java")
if [[ $BUILD == reactor ]]; then
  (cd "$ROOT" && ./mvnw -q -B -pl benchmarks/e2e-app -am package -DskipTests -Djmh.smoke.skip=true)
fi
APP_JAR=$APP_DIR/target/obs-e2e-app.jar
[[ -f $APP_JAR ]] || { echo "missing $APP_JAR; run with --build reactor" >&2; exit 1; }
declare -A CP
CP[off]=$APP_JAR:$(cat "$APP_DIR/target/classpath-with-obs.txt")
CP[on]=${CP[off]}
SIDES=(off on)
for b in "${BASELINES[@]}"; do
  CP[on-${b%%=*}]=$APP_JAR:$(cat "${b#*=}")
  SIDES+=("on-${b%%=*}")
done
mkdir -p "$OUT"
LOGS=$(mktemp -d)
trap '[[ -n ${RECEIVER_PID:-} ]] && kill "$RECEIVER_PID" 2>/dev/null; rm -rf "$LOGS"' EXIT

"$JAVA" -Xmx128m -XX:+UseSerialGC -cp "$APP_JAR" dev.obs.benchmarks.e2e.DiscardingReceiver --port 0 >"$LOGS/receiver.out" 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 400); do grep -q '^listening' "$LOGS/receiver.out" 2>/dev/null && break; sleep 0.05; done
PORT=$(awk '/^listening/ {print $2}' "$LOGS/receiver.out")
[[ -n $PORT ]] || { echo "receiver did not start: $(cat "$LOGS/receiver.out")" >&2; exit 1; }

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!benchmarks/results' || echo "-dirty")
printf 'round\tside\tmain_ms\tinstalled_ms\tfirst_log_ms\thealth_ms\tload1\n' >"$OUT/raw.tsv"
{
  printf 'commit\t%s\n' "$COMMIT"
  printf 'date\t%s\n' "$(date -u +%FT%TZ)"
  printf 'java\t%s\n' "$("$JAVA" -version 2>&1 | head -n 1)"
  printf 'cpus\t%s\n' "$(nproc --all)"
  printf 'load_before\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
  for s in "${SIDES[@]}"; do printf 'classpath_%s\t%s\n' "$s" "$(tr ':' '\n' <<<"${CP[$s]}" | grep -E '/obs-[a-z-]+' | sed 's#.*/##' | tr '\n' ' ')"; done
} >"$OUT/meta.tsv"

# run_probe SIDE [JVM options...]: one StartupProbe run of SIDE, its output in $LOGS/out and $LOGS/err.
run_probe() {
  local side=$1; shift
  local enabled=true; [[ $side == off ]] && enabled=false
  env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 TZ=UTC OBS_ENABLED=$enabled OTEL_SERVICE_NAME=obs-e2e \
    OBS_TRACES_SAMPLE_RATIO=0.1 OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$PORT \
    SENTRY_DSN=http://key@127.0.0.1:$PORT/1 OBS_ADMIN_HOST=127.0.0.1 OBS_ADMIN_PORT=0 \
    "$JAVA" -Xmx512m -XX:+UseSerialGC -Dsun.net.httpserver.nodelay=true "$@" -cp "${CP[$side]}" \
    dev.obs.benchmarks.e2e.StartupProbe >"$LOGS/out" 2>"$LOGS/err"
}

declare -A CDS_OPTS
for side in "${SIDES[@]}"; do
  CDS_OPTS[$side]=""
  if [[ $APPCDS == true ]]; then
    run_probe "$side" -XX:ArchiveClassesAtExit="$LOGS/$side.jsa" \
      || { echo "$side: the AppCDS training run failed:"; tail -n 30 "$LOGS/err"; exit 1; } >&2
    CDS_OPTS[$side]="-XX:SharedArchiveFile=$LOGS/$side.jsa"
  fi
done
printf 'appcds\t%s\n' "$APPCDS" >>"$OUT/meta.tsv"

for round in $(seq "$ROUNDS"); do
  # alternate the order too, so neither side always runs first after the other's exit
  order=("${SIDES[@]}"); (( round % 2 == 0 )) && order=($(printf '%s\n' "${SIDES[@]}" | tac))
  for side in "${order[@]}"; do
    enabled=true; [[ $side == off ]] && enabled=false
    load=$(cut -d' ' -f1 /proc/loadavg)
    # shellcheck disable=SC2086 # CDS_OPTS is empty or one option
    run_probe "$side" ${CDS_OPTS[$side]} \
      || { echo "$side failed:"; tail -n 30 "$LOGS/err"; exit 1; } >&2
    line=$(grep -m1 '^startup ' "$LOGS/err") || { echo "$side printed no timings:" >&2; tail -n 30 "$LOGS/err" >&2; exit 1; }
    if [[ $enabled == true ]]; then
      # the log line written right after install() must already be obs's JSON, with the service name
      first=$(grep -m1 'service starting' "$LOGS/out" || true)
      [[ $first == '{'* && $first == *'"obs-e2e"'* ]] || { echo "$side: the first log line is not JSON with the service name: $first" >&2; exit 1; }
    fi
    read -r m i f h < <(sed -E 's/.*main=([0-9]+) installed=([0-9]+) first_log=([0-9]+) health=([0-9]+).*/\1 \2 \3 \4/' <<<"$line")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$side" "$m" "$i" "$f" "$h" "$load" >>"$OUT/raw.tsv"
    echo "round $round $side: main $m, first log $f, health $h ms (load $load)" >&2
  done
done
printf 'load_after\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/meta.tsv"

python3 - "$OUT/raw.tsv" "$OUT/meta.tsv" >"$OUT/summary.md" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
meta = dict(l.rstrip('\n').split('\t', 1) for l in open(sys.argv[2]))
sides = list(dict.fromkeys(r['side'] for r in rows))
med = lambda side, k: statistics.median(int(r[k]) for r in rows if r['side'] == side)
print(f"commit {meta['commit']}, {meta['date']}, {meta['java']}, {meta['cpus']} CPUs, AppCDS {meta.get('appcds', 'false')}, "
      f"load {meta['load_before']} before, {meta['load_after']} after\n")
print("| side | runs | JVM start → main (ms) | → install() returned | → first log line | → /health 200 | added to first log line | added to /health |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for s in sides:
    n = sum(1 for r in rows if r['side'] == s)
    add = lambda k: '' if s == 'off' else f"{med(s, k) - med('off', k):+.0f}"
    print(f"| {s} | {n} | {med(s,'main_ms'):.0f} | {med(s,'installed_ms'):.0f} | {med(s,'first_log_ms'):.0f} | "
          f"{med(s,'health_ms'):.0f} | {add('first_log_ms')} | {add('health_ms')} |")
PY
cat "$OUT/summary.md"
