#!/usr/bin/env bash
# Runs JMH benchmarks the way docs/performance.md quotes them:
#   benchmarks/run-jmh.sh              # all, 2 forks x 5 x 1 s after 5 x 1 s warm-up
#   benchmarks/run-jmh.sh Traced       # only benchmarks matching a regex
# Every run records allocation per operation (-prof gc) and CPU time per operation, on the
# benchmark's threads and in the whole JVM (CpuTimeProfiler): unlike wall time, neither grows when
# other processes share the cores. The benchmark JVMs are pinned to CPU 1 (forks inherit the
# affinity) unless JMH_CPUS says otherwise. Builds in one reactor; nothing is installed into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am package -DskipTests
mkdir -p benchmarks/results
out="benchmarks/results/jmh-$(date -u +%Y-%m-%d-%H%M).json"
taskset -c "${JMH_CPUS:-1}" java -jar benchmarks/target/benchmarks.jar -f 2 -wi 5 -w 1 -i 5 -r 1 \
  -prof gc -prof dev.obs.benchmarks.support.CpuTimeProfiler -rf json -rff "$out" "${1:-.*}"
echo "results: $out ($(git rev-parse --short HEAD)$([[ -n $(git status --porcelain -- . ':!benchmarks/results') ]] && echo ', dirty'); load average $(cut -d' ' -f1-3 /proc/loadavg))"
