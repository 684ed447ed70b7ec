#!/usr/bin/env bash
# asyncj's benchmarks beside Python asyncio, virtual threads, CompletableFuture and EA Async.
#   bash bench/run.sh --short     every scenario, small sizes: a few minutes; prints the table
#   bash bench/run.sh --full      the issue's sizes, 5 runs per figure: writes bench/results/latest.md
#   bash bench/run.sh --profile   JMH gc/stack profilers and JFR on asyncj: bench/results/profile.md
# Builds what it needs first (mvn -Pbench package, JDK 25 javac for the virtual-thread sources).
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/run.py "$@"
