#!/usr/bin/env bash
# Benchmark: the bundled node (bin/trib-node) against redis-server on this machine, in one run.
# Throughput: redis-benchmark SET, GET, INCR, LPUSH, HSET with 50 clients, pipeline 16 and 1, the two servers
# alternating; prints requests/s and the node/redis ratio per test (target >= 0.5).
# Memory: 1,000,000 small keys (DEBUG POPULATE) on each; prints the growth of each process's resident memory
# and the node/redis ratio (target <= 3).
# Usage: bench/node-server.sh [requests per test (default 200000)] [keys for the memory test (default 1000000)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requests="${1:-200000}"; keys="${2:-1000000}"
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
"$root/bin/trib-node" --port $node_port --bind 127.0.0.1 --dir "$work" --logfile "$work/node.log" --save "" --appendonly no \
  --enable-debug-command yes &
pids+=($!); node_pid=$!
for p in $redis_port $node_port; do
  for _ in $(seq 1 600); do redis-cli -p $p ping >/dev/null 2>&1 && break; sleep 0.05; done
done
# bin/trib-node execs java: the pid is the JVM's.

# Memory first, on fresh processes: afterwards the JVM's heap would already be grown.
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
rb=$(rss_kb $redis_pid); nb=$(rss_kb $node_pid)
redis-cli -p $redis_port debug populate "$keys" >/dev/null
redis-cli -p $node_port debug populate "$keys" >/dev/null
ra=$(rss_kb $redis_pid); na=$(rss_kb $node_pid)
rd=$(( ra - rb )); nd=$(( na - nb ))
echo "memory for $keys keys (DEBUG POPULATE), growth of resident memory:"
echo "  redis-server: $(( rd / 1024 )) MiB"
echo "  node-server:  $(( nd / 1024 )) MiB"
echo "  node / redis: $(awk -v a="$nd" -v b="$rd" 'BEGIN { printf "%.2f", a / b }') (target <= 3)"
for p in $redis_port $node_port; do redis-cli -p $p flushall >/dev/null; done

rate() { # port test pipeline -> requests/s
  redis-benchmark -p "$1" -t "$2" -n "$requests" -c 50 -P "$3" -q --csv 2>/dev/null \
    | awk -F'","' 'NR>1 || $0 !~ /^"test"/ { gsub(/"/, "", $2); print int($2); exit }'
}
warm() { redis-benchmark -p "$1" -t set,get -n 50000 -c 50 -P 16 -q >/dev/null 2>&1; }
warm $node_port; warm $redis_port   # the JVM compiles its hot paths first

echo "node-server vs redis-server, $requests requests per test, 50 clients (best of 2, alternating):"
printf '  %-6s %4s %12s %12s %7s\n' test P redis node ratio
for P in 16 1; do
  for t in set get incr lpush hset; do
    r1=$(rate $redis_port $t $P); n1=$(rate $node_port $t $P)
    r2=$(rate $redis_port $t $P); n2=$(rate $node_port $t $P)
    r=$(( r1 > r2 ? r1 : r2 )); n=$(( n1 > n2 ? n1 : n2 ))
    printf '  %-6s %4s %12s %12s %7s\n' "$t" "$P" "$r" "$n" "$(awk -v a="$n" -v b="$r" 'BEGIN { printf "%.2f", a / b }')"
  done
done

