#!/usr/bin/env bash
# Benchmark: the bundled node (bin/trib-node) against redis-server on this machine, in one run, as ratios.
# Memory: resident memory (VmRSS) of each process idle, then with 100,000 and with 1,000,000 keys (DEBUG POPULATE),
#   node/redis per step (targets: idle <= 8x, 100,000 keys <= 4x, 1,000,000 keys <= 2x).
# Throughput: redis-benchmark SET, GET, INCR, LPUSH, HSET, ZADD with 50 clients at pipeline 16 and 1, once with
#   redis-benchmark's single key and once with -r 1000000 (a million distinct keys, fields or members), the two
#   servers alternating, best of two each; node/redis per test (target >= 0.6, moonshot 0.8).
# Usage: bench/node-server.sh [requests per test (default 200000)]
#   TESTS="set get" SHAPES="r1m" PIPELINES="16" narrow a run; SKIP_MEMORY=1 skips the memory steps.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requests="${1:-200000}"
tests="${TESTS:-set get incr lpush hset zadd}"; shapes="${SHAPES:-single r1m}"; pipelines="${PIPELINES:-16 1}"
work="$(mktemp -d /tmp/trib-bench-node-XXXX)"
redis_port=22300; node_port=22301
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null \
  || { echo "bench: redis-server and redis-benchmark (package redis-tools) are needed" >&2; exit 1; }

redis-server --port $redis_port --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
  --logfile "$work/redis.log" --enable-debug-command yes &
pids+=($!); redis_pid=$!
# bin/trib-node execs java: the pid is the JVM's.
TRIB_NO_REBUILD=1 "$root/bin/trib-node" --port $node_port --bind 127.0.0.1 --dir "$work" --logfile "$work/node.log" \
  --save "" --appendonly no --enable-debug-command yes &
pids+=($!); node_pid=$!
for p in $redis_port $node_port; do
  for _ in $(seq 1 600); do redis-cli -p $p ping >/dev/null 2>&1 && break; sleep 0.05; done
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Memory first, on fresh processes: afterwards the JVM's heap would already be grown.
if [ -z "${SKIP_MEMORY:-}" ]; then
  rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
  sleep 2   # the node's start-up garbage is collected within its first seconds
  echo "resident memory (VmRSS, MiB):"
  printf '  %-16s %8s %8s %7s %8s\n' state redis node ratio target
  mem_line() { # label target
    local r n; r=$(rss_kb $redis_pid); n=$(rss_kb $node_pid)
    printf '  %-16s %8s %8s %7s %8s\n' "$1" $(( r / 1024 )) $(( n / 1024 )) "$(ratio "$n" "$r")" "$2"
  }
  mem_line idle "<= 8"
  for keys in 100000 1000000; do
    for p in $redis_port $node_port; do redis-cli -p $p debug populate $keys >/dev/null; done
    [ $keys = 100000 ] && mem_line "100,000 keys" "<= 4" || mem_line "1,000,000 keys" "<= 2"
  done
  for p in $redis_port $node_port; do redis-cli -p $p flushall >/dev/null; done
fi

rate() { # port test pipeline shape -> requests/s
  local r=(); [ "$4" = r1m ] && r=(-r 1000000)
  redis-benchmark -p "$1" -t "$2" -n "$requests" -c 50 -P "$3" "${r[@]}" -q --csv 2>/dev/null \
    | awk -F'","' 'NR>1 || $0 !~ /^"test"/ { gsub(/"/, "", $2); print int($2); exit }'
}
# Every test once before the timings, then FLUSHALL: the JVM compiles each command's hot path first, so the first
# timed round of a test does not pay for compilation (which ran on the core the node needs: one test's first
# round was 30% slower than its second).
warm() {
  redis-benchmark -p "$1" -t "${tests// /,}" -n 100000 -r 1000000 -c 50 -P 16 -q >/dev/null 2>&1
  redis-cli -p "$1" flushall >/dev/null
}
warm $node_port; warm $redis_port

echo "throughput, $requests requests per test, 50 clients, best of 2 alternating (target >= 0.6):"
printf '  %-6s %-7s %3s %10s %10s %7s\n' test keys P redis node ratio
for shape in $shapes; do
  for P in $pipelines; do
    for t in $tests; do
      r1=$(rate $redis_port $t $P $shape); n1=$(rate $node_port $t $P $shape)
      r2=$(rate $redis_port $t $P $shape); n2=$(rate $node_port $t $P $shape)
      r=$(( r1 > r2 ? r1 : r2 )); n=$(( n1 > n2 ? n1 : n2 ))
      printf '  %-6s %-7s %3s %10s %10s %7s\n' "$t" "$shape" "$P" "$r" "$n" "$(ratio "$n" "$r")"
    done
    for p in $redis_port $node_port; do redis-cli -p $p flushall >/dev/null; done
  done
done
