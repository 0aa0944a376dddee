#!/usr/bin/env bash
# Runs every JMH benchmark the way docs/performance.md quotes them:
#   benchmarks/run-jmh.sh              # all, 2 forks x 5 x 1 s after 5 x 1 s warm-up, with -prof gc
#   benchmarks/run-jmh.sh Traced       # only benchmarks matching a regex
# The benchmark JVMs are pinned to CPU 1 (forks inherit the affinity), leaving CPU 0 to the OS and
# anything else, so that two cores do not fight over one measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B install -DskipTests
mkdir -p benchmarks/results
out="benchmarks/results/jmh-$(date -u +%Y-%m-%d-%H%M).json"
taskset -c 1 java -jar benchmarks/target/benchmarks.jar -f 2 -wi 5 -w 1 -i 5 -r 1 -prof gc -rf json -rff "$out" "${1:-.*}"
echo "results: $out"
