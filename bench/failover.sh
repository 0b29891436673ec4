#!/usr/bin/env bash
# Benchmark: time from kill -9 of a master to cluster_state:ok on every surviving node, for a cluster of
# 6 node-servers (bin/trib-node) and one of 6 redis-servers with the same cluster-node-timeout, alternating.
# Usage: bench/failover.sh [rounds] [node-timeout-ms]   (default 3 rounds, 2000 ms)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
timeout_ms="${2:-2000}"
trib="$root/bin/trib"
work="$(mktemp -d /tmp/trib-bench-failover-XXXX)"
base=22400   # 22400..22405; bus ports +10000
pids=()

cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v redis-server >/dev/null || { echo "bench: redis-server not installed" >&2; exit 1; }
"$trib" --version >/dev/null                       # builds trib outside the timings
"$root/bin/trib-node" --version >/dev/null 2>&1 || true   # and the node-server jar

now_ms() { date +%s%3N; }

start_cluster() { # kind: node|redis ; leaves node pids in $node_pids
  node_pids=()
  for ((i = 0; i < 6; i++)); do
    local port=$((base + i)) dir="$work/$1-$((base + i))"
    rm -rf "$dir"; mkdir -p "$dir"
    local args=(--port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf
      --cluster-announce-ip 127.0.0.1 --cluster-node-timeout "$timeout_ms" --dir "$dir" --save "" --appendonly no
      --logfile "$dir/log")
    if [ "$1" = node ]; then
      (cd "$dir" && exec "$root/bin/trib-node" "${args[@]}") >/dev/null 2>&1 &
    else
      redis-server "${args[@]}" --daemonize no >/dev/null 2>&1 &
    fi
    node_pids+=($!); pids+=($!)
  done
  for ((i = 0; i < 6; i++)); do
    until redis-cli -p $((base + i)) ping >/dev/null 2>&1; do sleep 0.05; done
  done
  local addrs=(); for ((i = 0; i < 6; i++)); do addrs+=("127.0.0.1:$((base + i))"); done
  "$trib" create --replicas 1 --yes "${addrs[@]}" >/dev/null
  # Every replica's link up, so the election has data to stand on.
  for ((i = 0; i < 6; i++)); do
    if redis-cli -p $((base + i)) info replication | grep -q role:slave; then
      until redis-cli -p $((base + i)) info replication | grep -q master_link_status:up; do sleep 0.05; done
    fi
  done
}

stop_cluster() {
  for p in "${node_pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for p in "${node_pids[@]}"; do wait "$p" 2>/dev/null || true; done
}

all_ok() { # the surviving ports
  for p in "$@"; do
    redis-cli -p "$p" cluster info 2>/dev/null | grep -q 'cluster_state:ok' || return 1
  done
}

measure() { # kind -> prints ms from kill -9 of the first master to cluster_state:ok everywhere else
  start_cluster "$1"
  local victim="" survivors=()
  for ((i = 0; i < 6; i++)); do
    local port=$((base + i))
    if [ -z "$victim" ] && redis-cli -p "$port" info replication | grep -q role:master; then
      victim=$i
    else
      survivors+=("$port")
    fi
  done
  for i in 1 2 3 4 5 6 7 8 9 10; do redis-cli -c -p $((base + victim)) set "bench:$i" "$i" >/dev/null; done
  local t0 t1 deadline
  t0=$(now_ms)
  kill -9 "${node_pids[$victim]}"
  # Wait for the cluster to notice before counting "ok" again.
  deadline=$((t0 + timeout_ms * 10 + 30000))
  until ! all_ok "${survivors[@]}" || [ "$(now_ms)" -gt $((t0 + timeout_ms * 3)) ]; do sleep 0.02; done
  until all_ok "${survivors[@]}"; do
    sleep 0.02
    [ "$(now_ms)" -lt "$deadline" ] || { echo "bench: $1 cluster did not recover" >&2; exit 1; }
  done
  t1=$(now_ms)
  stop_cluster
  echo $((t1 - t0))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

node_times=(); redis_times=()
for ((r = 1; r <= rounds; r++)); do
  node_times+=("$(measure node)")
  redis_times+=("$(measure redis)")
  echo "round $r: node-server ${node_times[-1]} ms, redis-server ${redis_times[-1]} ms"
done
n=$(printf '%s\n' "${node_times[@]}" | median)
rd=$(printf '%s\n' "${redis_times[@]}" | median)
echo "kill -9 of a master -> cluster_state:ok (cluster-node-timeout ${timeout_ms} ms, median of $rounds):"
echo "  node-server cluster:  ${n} ms"
echo "  redis-server cluster: ${rd} ms"
awk -v a="$n" -v b="$rd" 'BEGIN { printf "  ratio node-server / redis-server: %.2f\n", a / (b == 0 ? 1 : b) }'
