#!/usr/bin/env bash
# End-to-end overhead of obs against the OpenTelemetry Java agent. See README.md beside this file.
#
#   benchmarks/e2e/run.sh                       # full run: build, 5 rounds of a b c d e, report
#   benchmarks/e2e/run.sh --build app --rounds 1 --duration 3 --warmup 2 --results /tmp/e2e-smoke   # smoke
#
# Options (each also as an environment variable):
#   --rounds N        E2E_ROUNDS        rounds of all variants, alternating       (5)
#   --duration S      E2E_DURATION      seconds per measurement                    (10)
#   --warmup S        E2E_WARMUP        seconds of warm-up per endpoint            (5)
#   --variants "..."  E2E_VARIANTS      which variants, in round order             ("a b c d e")
#   --build MODE      E2E_BUILD         full: ./mvnw install -DskipTests at the root, then run;
#                                       reactor: package obs and the app in one reactor build, the
#                                         app's class path pointing at the modules' target/ jars
#                                         (nothing installed into ~/.m2);
#                                       app: package only benchmarks/e2e-app against ~/.m2;
#                                       none: use what is built                    (full)
#   --allow-dirty     E2E_ALLOW_DIRTY=1 run from a work tree with uncommitted changes (the
#                                       report marks the commit "dirty"); refused otherwise
#   --jfr VARIANTS    E2E_JFR           record a JFR profile (settings=profile) of these variants'
#                                       servers, e.g. "b d", into the run's log directory  ("")
#   --results DIR     E2E_RESULTS_DIR   where <date>.md and <date>-raw.tsv go      (benchmarks/e2e/results)
# More knobs (environment only): E2E_SERVER_CPU (0), E2E_LOAD_CPU (1), E2E_HELLO_CONNECTIONS (64),
# E2E_WORK_CONNECTIONS (16), E2E_HELLO_RATE (2000/s), E2E_WORK_RATE (200/s), E2E_WORK_ROWS (12000),
# E2E_OBS_MAX_TRACES_PER_SECOND (0 = no cap), E2E_JAVA_OPTS ("-Xmx512m -XX:+UseSerialGC"),
# E2E_AGENT_VERSION (tries 2.31.1, then 2.31.0).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
APP_DIR=$ROOT/benchmarks/e2e-app

ROUNDS=${E2E_ROUNDS:-5}
DURATION=${E2E_DURATION:-10}
WARMUP=${E2E_WARMUP:-5}
VARIANTS=${E2E_VARIANTS:-"a b c d e"}
BUILD=${E2E_BUILD:-full}
RESULTS_DIR=${E2E_RESULTS_DIR:-$HERE/results}
SERVER_CPU=${E2E_SERVER_CPU:-0}
LOAD_CPU=${E2E_LOAD_CPU:-1}
HELLO_CONNECTIONS=${E2E_HELLO_CONNECTIONS:-64}
WORK_CONNECTIONS=${E2E_WORK_CONNECTIONS:-16}
HELLO_RATE=${E2E_HELLO_RATE:-2000}
WORK_RATE=${E2E_WORK_RATE:-200}
HELLO_PACED_CONNECTIONS=10
WORK_PACED_CONNECTIONS=4
WORK_ROWS=${E2E_WORK_ROWS:-12000}
OBS_MAX_TRACES_PER_SECOND=${E2E_OBS_MAX_TRACES_PER_SECOND:-0}
JAVA_OPTS=${E2E_JAVA_OPTS:-"-Xmx512m -XX:+UseSerialGC"}
AGENT_VERSIONS=${E2E_AGENT_VERSION:-"2.31.1 2.31.0"}
ALLOW_DIRTY=${E2E_ALLOW_DIRTY:-0}
JFR_VARIANTS=${E2E_JFR:-}

while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) ROUNDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --variants) VARIANTS=$2; shift 2 ;;
    --build) BUILD=$2; shift 2 ;;
    --results) RESULTS_DIR=$2; shift 2 ;;
    --allow-dirty) ALLOW_DIRTY=1; shift ;;
    --jfr) JFR_VARIANTS=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

case $BUILD in full|reactor|app|none) ;; *) die "--build must be full, reactor, app or none, not '$BUILD'" ;; esac
# Figures must name the code they measured: the commit, and whether the tree had local changes.
COMMIT=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain -- . ':!benchmarks/e2e/results' ':!benchmarks/results' 2>/dev/null || true)
if [[ -n $DIRTY ]]; then
  [[ $ALLOW_DIRTY == 1 ]] || die "the work tree has uncommitted changes; commit them, or pass --allow-dirty (the report then marks the commit dirty):
$DIRTY"
  COMMIT="$COMMIT (dirty)"
fi
for variant in $VARIANTS; do
  case $variant in a|b|c|d|e) ;; *) die "unknown variant '$variant'; the variants are a b c d e" ;; esac
done
for tool in wrk taskset curl python3 getconf; do
  command -v "$tool" >/dev/null || die "needs $tool on PATH (Debian: apt-get install wrk util-linux curl python3)"
done
JAVA=$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}java") || die "needs java on PATH or JAVA_HOME"
[[ $(nproc --all) -ge 2 ]] || die "needs two CPUs: the server runs on one, the load generator on another"
CLK_TCK=$(getconf CLK_TCK)

# --- build ---------------------------------------------------------------------------------------
if [[ $BUILD == full ]]; then
  say "building: ./mvnw -q -B install -DskipTests (repository root)"
  (cd "$ROOT" && ./mvnw -q -B install -DskipTests)
fi
if [[ $BUILD == reactor ]]; then
  say "building: ./mvnw -q -B -pl benchmarks/e2e-app -am package -DskipTests (one reactor, nothing installed)"
  (cd "$ROOT" && ./mvnw -q -B -pl benchmarks/e2e-app -am package -DskipTests -Djmh.smoke.skip=true)
elif [[ $BUILD != none ]]; then
  # Also after a full build: so the class paths point at the installed obs jars in ~/.m2.
  say "building: ./mvnw -q -B -pl benchmarks/e2e-app package (obs modules from ~/.m2)"
  (cd "$ROOT" && { ./mvnw -q -B -o -pl benchmarks/e2e-app package >/dev/null 2>&1 \
                   || ./mvnw -q -B -pl benchmarks/e2e-app package; })
fi
APP_JAR=$APP_DIR/target/obs-e2e-app.jar
for f in "$APP_JAR" "$APP_DIR/target/classpath-without-obs.txt" "$APP_DIR/target/classpath-with-obs.txt"; do
  [[ -f $f ]] || die "missing $f; build first (run without --build none)"
done
CLASSPATH_WITHOUT_OBS=$APP_JAR:$(cat "$APP_DIR/target/classpath-without-obs.txt")
CLASSPATH_WITH_OBS=$APP_JAR:$(cat "$APP_DIR/target/classpath-with-obs.txt")

# --- the OpenTelemetry Java agent, from Maven Central through the ordinary client -----------------
AGENT_DIR=$APP_DIR/target/agent
AGENT_JAR=
if [[ -z ${E2E_AGENT_VERSION:-} ]]; then
  AGENT_JAR=$(ls -1 "$AGENT_DIR"/opentelemetry-javaagent-*.jar 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [[ -z $AGENT_JAR && $VARIANTS == *[de]* ]]; then
  for version in $AGENT_VERSIONS; do
    if [[ -f $AGENT_DIR/opentelemetry-javaagent-$version.jar ]] \
       || (cd "$ROOT" && ./mvnw -q -B -N dependency:copy \
             -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$version" \
             -DoutputDirectory="$AGENT_DIR" >/dev/null 2>&1); then
      AGENT_JAR=$AGENT_DIR/opentelemetry-javaagent-$version.jar
      break
    fi
    say "opentelemetry-javaagent $version is not available; trying the next version"
  done
  [[ -n $AGENT_JAR ]] || die "could not get the OpenTelemetry Java agent ($AGENT_VERSIONS)"
fi
AGENT_VERSION=$(basename "${AGENT_JAR:-none}" .jar | sed 's/^opentelemetry-javaagent-//')

# --- from here on, this script and everything it starts run on the load CPU ----------------------
taskset -pc "$LOAD_CPU" $$ >/dev/null

STAMP=$(date -u +%Y-%m-%d-%H%M)
mkdir -p "$RESULTS_DIR"
RAW=$RESULTS_DIR/$STAMP-raw.tsv
META=$RESULTS_DIR/$STAMP-meta.tsv
REPORT=$RESULTS_DIR/$STAMP.md
LOG_DIR=$APP_DIR/target/e2e-logs/$STAMP
mkdir -p "$LOG_DIR"
: > "$RAW"

SERVER_PID=
RECEIVER_PID=
cleanup() {
  [[ -n $SERVER_PID ]] && kill -KILL "$SERVER_PID" 2>/dev/null || true
  [[ -n $RECEIVER_PID ]] && kill -TERM "$RECEIVER_PID" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$RAW"; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

status_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }

# Busy and stolen ticks of one CPU, from /proc/stat: user nice system idle iowait irq softirq steal.
core_ticks() { awk -v cpu="cpu$1" '$1 == cpu { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat; }

receiver_stats() { curl -s --max-time 5 "http://127.0.0.1:$RECEIVER_PORT/stats" || true; }

# One GET /health over bash's own /dev/tcp: no process is started, so polling every few
# milliseconds costs the measured start-up nothing and resolves it to a few milliseconds.
health_ok() {
  local line=
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3 2>/dev/null || true
  IFS= read -r -t 2 line <&3 || true
  exec 3<&- 3>&-
  [[ $line == "HTTP/1.1 200"* ]]
}

# wrk_phase ROUND VARIANT NAME URL CONNECTIONS DELAY_MS SECONDS: one wrk run, recorded as NAME_*.
wrk_phase() {
  local round=$1 variant=$2 name=$3 url=$4 connections=$5 delay_ms=$6 seconds=$7
  local before after output line
  before=$(cpu_ticks "$SERVER_PID")
  output=$(E2E_DELAY_MS=$delay_ms wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s \
             -s "$HERE/wrk-report.lua" "$url" 2>&1) || true
  after=$(cpu_ticks "$SERVER_PID")
  line=$(grep '^E2E ' <<<"$output" || true)
  if [[ -z $line ]]; then
    say "  wrk gave no result for $name: $output"
    record "$round" "$variant" "${name}_failed" 1
    return 1
  fi
  [[ $name == warmup_* ]] && return 0
  # shellcheck disable=SC2086
  set -- $line
  shift
  local pair requests=0 duration_us=1 errors=0
  for pair in "$@"; do
    case ${pair%%=*} in
      requests) requests=${pair#*=} ;;
      duration_us) duration_us=${pair#*=} ;;
      errors_*) errors=$((errors + ${pair#*=})) ;;
      p50_us|p99_us) record "$round" "$variant" "${name}_${pair%%=*}" "${pair#*=}" ;;
    esac
  done
  record "$round" "$variant" "${name}_rps" "$(awk -v r="$requests" -v d="$duration_us" 'BEGIN { printf "%.1f", r * 1e6 / d }')"
  record "$round" "$variant" "${name}_errors" "$errors"
  # Saturation means the server's core is busy: a saturated phase far below 100 % was limited by
  # the load generator (or by something else running on its core), and report.py says so.
  record "$round" "$variant" "${name}_server_cpu_percent" \
    "$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v d="$duration_us" 'BEGIN { printf "%.0f", t * 100e6 / hz / d }')"
  if [[ $requests -gt 0 ]]; then
    record "$round" "$variant" "${name}_cpu_us_per_req" \
      "$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v r="$requests" 'BEGIN { printf "%.2f", t * 1e6 / hz / r }')"
  fi
  printf '%s' "$requests"
}

# The environment of each variant; nothing is inherited from the caller's OTEL_*/OBS_*/SENTRY_*.
variant_setup() {
  VARIANT_ENV=(OTEL_SERVICE_NAME=obs-e2e)
  VARIANT_ARGS=()
  VARIANT_CLASSPATH=$CLASSPATH_WITHOUT_OBS
  local endpoint=http://127.0.0.1:$RECEIVER_PORT
  case $1 in
    a) ;;
    b|c)
      VARIANT_CLASSPATH=$CLASSPATH_WITH_OBS
      VARIANT_ENV+=(E2E_OBS=true
        OBS_TRACES_SAMPLE_RATIO=$([[ $1 == b ]] && echo 0.1 || echo 1.0)
        OBS_TRACES_MAX_PER_SECOND=$OBS_MAX_TRACES_PER_SECOND
        OTEL_EXPORTER_OTLP_ENDPOINT=$endpoint
        SENTRY_DSN=http://key@127.0.0.1:$RECEIVER_PORT/1
        OBS_ADMIN_HOST=127.0.0.1 OBS_ADMIN_PORT=0) ;;
    d)
      VARIANT_ARGS=(-javaagent:"$AGENT_JAR")
      VARIANT_ENV+=(OTEL_TRACES_SAMPLER=parentbased_traceidratio OTEL_TRACES_SAMPLER_ARG=0.1
        OTEL_EXPORTER_OTLP_ENDPOINT=$endpoint) ;;
    e)
      VARIANT_ARGS=(-javaagent:"$AGENT_JAR")
      VARIANT_ENV+=(OTEL_JAVAAGENT_ENABLED=false) ;;
  esac
}

declare -A LABEL=([a]="obs absent" [b]="obs, 10 % sampled" [c]="obs, 100 % sampled"
                  [d]="OTel agent, 10 % sampled" [e]="OTel agent, disabled")

run_variant() {
  local variant=$1 round=$2 port t0 t1 deadline stats_before stats_after kind requests bytes
  local stderr_log=$LOG_DIR/round$round-$variant.stderr
  port=$(free_port)
  variant_setup "$variant"
  stats_before=$(receiver_stats)
  local core_before core_after server_ticks
  read -r -a core_before <<<"$(core_ticks "$SERVER_CPU")"

  t0=$(date +%s%N)
  # stdout (where obs writes its JSON logs) goes to /dev/null: logs cost what encoding and a write()
  # cost, not what a terminal or a disk would. stderr (obs: diagnostics, the agent's log) is kept.
  local jfr=()
  if [[ " $JFR_VARIANTS " == *" $variant "* ]]; then
    jfr=(-XX:StartFlightRecording=settings=profile,filename="$LOG_DIR/round$round-$variant.jfr")
  fi
  taskset -c "$SERVER_CPU" env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 TZ=UTC "${VARIANT_ENV[@]}" \
    "$JAVA" $JAVA_OPTS -Dsun.net.httpserver.nodelay=true "${jfr[@]}" "${VARIANT_ARGS[@]}" -cp "$VARIANT_CLASSPATH" \
    dev.obs.benchmarks.e2e.BenchmarkService --port "$port" --rows "$WORK_ROWS" >/dev/null 2>"$stderr_log" &
  SERVER_PID=$!
  deadline=$(( t0 + 120 * 1000000000 ))
  until health_ok "$port"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      say "  variant $variant did not start; its stderr ($stderr_log):"; sed 's/^/    /' "$stderr_log" | tail -n 20 >&2
      record "$round" "$variant" failed 1; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; return 1
    fi
    if [[ $(date +%s%N) -gt $deadline ]]; then
      say "  variant $variant not healthy after 120 s"; record "$round" "$variant" failed 1; return 1
    fi
    sleep 0.003
  done
  t1=$(date +%s%N)
  record "$round" "$variant" startup_ms "$(( (t1 - t0) / 1000000 ))"
  record "$round" "$variant" startup_cpu_ms "$(( $(cpu_ticks "$SERVER_PID") * 1000 / CLK_TCK ))"
  record "$round" "$variant" request_id_header \
    "$(curl -s -D - -o /dev/null "http://127.0.0.1:$port/hello" | grep -ci '^x-request-id:' || true)"

  local base=http://127.0.0.1:$port
  wrk_phase "$round" "$variant" warmup_hello "$base/hello" "$HELLO_CONNECTIONS" 0 "$WARMUP" >/dev/null || true
  wrk_phase "$round" "$variant" warmup_work "$base/work" "$WORK_CONNECTIONS" 0 "$WARMUP" >/dev/null || true
  local hello_rps work_rps
  requests=$(wrk_phase "$round" "$variant" hello "$base/hello" "$HELLO_CONNECTIONS" 0 "$DURATION" || true)
  hello_rps=$(( ${requests:-0} / DURATION ))
  requests=$(wrk_phase "$round" "$variant" work "$base/work" "$WORK_CONNECTIONS" 0 "$DURATION" || true)
  work_rps=$(( ${requests:-0} / DURATION ))
  wrk_phase "$round" "$variant" hello_paced "$base/hello" "$HELLO_PACED_CONNECTIONS" \
    $(( HELLO_PACED_CONNECTIONS * 1000 / HELLO_RATE )) "$DURATION" >/dev/null || true
  wrk_phase "$round" "$variant" work_paced "$base/work" "$WORK_PACED_CONNECTIONS" \
    $(( WORK_PACED_CONNECTIONS * 1000 / WORK_RATE )) "$DURATION" >/dev/null || true

  record "$round" "$variant" rss_kb "$(status_kb "$SERVER_PID" VmRSS)"
  record "$round" "$variant" peak_rss_kb "$(status_kb "$SERVER_PID" VmHWM)"
  record "$round" "$variant" threads "$(status_kb "$SERVER_PID" Threads)"
  server_ticks=$(cpu_ticks "$SERVER_PID")
  record "$round" "$variant" cpu_total_ms "$(( server_ticks * 1000 / CLK_TCK ))"
  # What else ran on the server's core while it ran (other processes, interrupts), and what the
  # hypervisor took: both should be near zero, or the figures of this run are suspect.
  read -r -a core_after <<<"$(core_ticks "$SERVER_CPU")"
  local wall_ticks=$(( ($(date +%s%N) - t0) * CLK_TCK / 1000000000 ))
  record "$round" "$variant" server_core_other_percent \
    "$(( (core_after[0] - core_before[0] - server_ticks) * 100 / (wall_ticks > 0 ? wall_ticks : 1) ))"
  record "$round" "$variant" server_core_steal_percent \
    "$(( (core_after[1] - core_before[1]) * 100 / (wall_ticks > 0 ? wall_ticks : 1) ))"

  # A graceful stop, so that what the exporters still buffer reaches the receiver and is counted.
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  stats_after=$(receiver_stats)
  while read -r kind requests bytes; do
    [[ -n $kind ]] || continue
    local before_bytes before_requests
    before_requests=$(awk -v k="$kind" '$1 == k { print $2 }' <<<"$stats_before"); before_bytes=$(awk -v k="$kind" '$1 == k { print $3 }' <<<"$stats_before")
    record "$round" "$variant" "export_${kind}_requests" $(( requests - ${before_requests:-0} ))
    record "$round" "$variant" "export_${kind}_bytes" $(( bytes - ${before_bytes:-0} ))
  done <<<"$stats_after"
  say "  [round $round] $variant (${LABEL[$variant]}): start-up $(( (t1 - t0) / 1000000 )) ms, /hello ~$hello_rps req/s, /work ~$work_rps req/s"
}

# --- run -----------------------------------------------------------------------------------------
RECEIVER_PORT=$(free_port)
"$JAVA" -Xmx128m -XX:+UseSerialGC -Dsun.net.httpserver.nodelay=true -cp "$APP_JAR" \
  dev.obs.benchmarks.e2e.DiscardingReceiver --port "$RECEIVER_PORT" >"$LOG_DIR/receiver.out" 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 200); do grep -q '^listening' "$LOG_DIR/receiver.out" 2>/dev/null && break; sleep 0.05; done
grep -q '^listening' "$LOG_DIR/receiver.out" || die "the discarding receiver did not start: $(cat "$LOG_DIR/receiver.out")"

obs_jars=$(tr ':' '\n' < "$APP_DIR/target/classpath-with-obs.txt" | grep -E '/obs-(core|logging|metrics|tracing|errors)[^/]*\.jar$' \
           | while read -r jar; do printf '%s %s KB, ' "$(basename "$jar" | sed 's/-[0-9].*\.jar$//')" $(( $(stat -c %s "$jar") / 1024 )); done)
obs_jars=${obs_jars%, }
{
  printf 'started\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'command\t%s\n' "benchmarks/e2e/run.sh --rounds $ROUNDS --duration $DURATION --warmup $WARMUP --variants \"$VARIANTS\""
  printf 'cpu\t%s\n' "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc --all) CPUs)"
  printf 'kernel\t%s\n' "$(uname -sr)"
  printf 'java\t%s\n' "$("$JAVA" -version 2>&1 | head -n 2 | tail -n 1)"
  printf 'java_opts\t%s\n' "$JAVA_OPTS -Dsun.net.httpserver.nodelay=true"
  printf 'agent\t%s\n' "$AGENT_VERSION"
  printf 'obs_commit\t%s\n' "$COMMIT"
  printf 'obs_jars\t%s\n' "$obs_jars"
  printf 'rounds\t%s\n' "$ROUNDS"
  printf 'duration_s\t%s\n' "$DURATION"
  printf 'warmup_s\t%s\n' "$WARMUP"
  printf 'variants\t%s\n' "$VARIANTS"
  printf 'server_cpu\t%s\n' "$SERVER_CPU"
  printf 'load_cpu\t%s\n' "$LOAD_CPU"
  printf 'hello_connections\t%s\n' "$HELLO_CONNECTIONS"
  printf 'work_connections\t%s\n' "$WORK_CONNECTIONS"
  printf 'hello_rate\t%s\n' "$HELLO_RATE"
  printf 'work_rate\t%s\n' "$WORK_RATE"
  printf 'hello_paced\t%s connections, %s ms between a response and the next request\n' "$HELLO_PACED_CONNECTIONS" $(( HELLO_PACED_CONNECTIONS * 1000 / HELLO_RATE ))
  printf 'work_paced\t%s connections, %s ms between a response and the next request\n' "$WORK_PACED_CONNECTIONS" $(( WORK_PACED_CONNECTIONS * 1000 / WORK_RATE ))
  printf 'work_rows\t%s\n' "$WORK_ROWS"
  printf 'obs_max_traces_per_second\t%s\n' "$OBS_MAX_TRACES_PER_SECOND"
  printf 'load_average_at_start\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$META"

per_variant=$(( 2 * WARMUP + 4 * DURATION + 3 ))
say "e2e: $ROUNDS round(s) of [$VARIANTS], about $(( ROUNDS * $(wc -w <<<"$VARIANTS") * per_variant / 60 + 1 )) min; server on CPU $SERVER_CPU, load on CPU $LOAD_CPU; agent $AGENT_VERSION; logs in $LOG_DIR"
for (( round = 1; round <= ROUNDS; round++ )); do
  for variant in $VARIANTS; do
    run_variant "$variant" "$round" || say "  [round $round] $variant failed; continuing"
  done
done
printf 'load_average_at_end\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$META"

python3 "$HERE/report.py" --raw "$RAW" --meta "$META" --out "$REPORT"
say "e2e: report in $REPORT, raw figures in $RAW"
