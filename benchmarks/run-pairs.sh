#!/usr/bin/env bash
# Side-by-side pairs for a machine shared with other work: each pair's two benchmarks run in two
# JMH processes at the same time, so both see the same load, and docs/performance.md quotes the
# ratio of the two. Run after building benchmarks/target/benchmarks.jar (see run-jmh.sh).
#   benchmarks/run-pairs.sh [results-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JMH_JAR:-benchmarks/target/benchmarks.jar}
OUT=${1:-benchmarks/results/pairs-$(date -u +%Y-%m-%d-%H%M)}
mkdir -p "$OUT"
OPTS=(-f 1 -wi 3 -w 1 -i 8 -r 1 -prof gc -prof dev.obs.benchmarks.support.CpuTimeProfiler -rf json)
pair() { # name, left regex + params, right regex + params
  local name=$1; shift
  local left=() right=() side=left
  for a in "$@"; do
    if [[ $a == "--" ]]; then side=right; continue; fi
    if [[ $side == left ]]; then left+=("$a"); else right+=("$a"); fi
  done
  java -Djmh.ignoreLock=true -jar "$JAR" "${OPTS[@]}" -rff "$OUT/$name-obs.json" "${left[@]}" > "$OUT/$name-obs.log" 2>&1 &
  local p1=$!
  java -Djmh.ignoreLock=true -jar "$JAR" "${OPTS[@]}" -rff "$OUT/$name-other.json" "${right[@]}" > "$OUT/$name-other.log" 2>&1 &
  local p2=$!
  wait $p1 $p2
  echo "$name done"
}
{ echo "commit $(git rev-parse HEAD)$([[ -n $(git status --porcelain -- . ':!benchmarks/results') ]] && echo ' (dirty)')"; echo "load_before $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$OUT/meta.txt"
pair span-into-batch 'TracedBenchmark.spanIntoBatchProcessor' -p mode=sampled -- 'PlainSdkBenchmark.spanIntoBatchProcessor'
pair traced-unsampled-keep 'TracedBenchmark.requestWithTracedCall' -p mode=unsampled-keep -- 'TracedBenchmark.requestWithBareCall' -p mode=unsampled-keep
pair traced-sampled 'TracedBenchmark.requestWithTracedCall' -p mode=sampled -- 'PlainSdkBenchmark.requestWithChildSpan'
pair json-line 'LoggingBenchmark.obsJsonEncoder' -- 'PlainLogstashBenchmark.logstashEncoder'
pair scrape-http 'ScrapeBenchmark.scrapePrometheusText' -- 'PlainMicrometerBenchmark.scrapeOverHttp'
echo "load_after $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/meta.txt"
