#!/usr/bin/env bash
# Benchmark: trib create / check against redis-cli --cluster on the same fresh redis-server nodes, in one run.
# Prints wall times and ratios. Usage: bench/create-check.sh [rounds]   (default 5 rounds, alternating tools)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
trib="$root/bin/trib"
work="$(mktemp -d /tmp/trib-bench-XXXX)"
base=22000   # bus ports (+10000) stay below the ephemeral port range
pids=()

cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v redis-server >/dev/null || { echo "bench: redis-server not installed" >&2; exit 1; }
"$trib" --version >/dev/null   # builds the jar and the CDS archive once, outside the timings

start_nodes() { # count
  for ((i = 0; i < $1; i++)); do
    local port=$((base + i)) dir="$work/$((base + i))"
    mkdir -p "$dir"
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
      --cluster-announce-ip 127.0.0.1 --cluster-node-timeout 5000 --dir "$dir" --save "" --appendonly no \
      --daemonize no --logfile "$dir/log" &
    pids+=($!)
  done
  for ((i = 0; i < $1; i++)); do
    until redis-cli -p $((base + i)) ping >/dev/null 2>&1; do sleep 0.02; done
  done
}

reset_nodes() { # count: make every node fresh again (new id, epoch 0, no slots, no keys)
  for ((i = 0; i < $1; i++)); do
    redis-cli -p $((base + i)) flushall >/dev/null
    redis-cli -p $((base + i)) cluster reset hard >/dev/null
  done
}

addresses() { for ((i = 0; i < $1; i++)); do printf '127.0.0.1:%d ' $((base + i)); done; }

now_ms() { date +%s%3N; }

time_cmd() { # prints elapsed ms of the command; fails loudly if it fails
  local t0 t1
  t0=$(now_ms)
  "$@" >"$work/last.out" 2>&1 || { echo "bench: failed: $*" >&2; cat "$work/last.out" >&2; exit 1; }
  t1=$(now_ms)
  echo $((t1 - t0))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }

for n in 6 30; do
  start_nodes "$n"
  rc=() tr=() tw=()
  for ((r = 0; r < rounds; r++)); do
    reset_nodes "$n"
    rc+=("$(time_cmd redis-cli --cluster create $(addresses "$n") --cluster-replicas 1 --cluster-yes)")
    reset_nodes "$n"
    tr+=("$(time_cmd "$trib" create --replicas 1 --yes -q --no-wait-ok $(addresses "$n"))")
    reset_nodes "$n"
    tw+=("$(time_cmd "$trib" create --replicas 1 --yes -q $(addresses "$n"))")
  done
  rcm=$(printf '%s\n' "${rc[@]}" | median)
  trm=$(printf '%s\n' "${tr[@]}" | median)
  twm=$(printf '%s\n' "${tw[@]}" | median)
  # redis-cli returns once the nodes agree on the configuration; so does trib --no-wait-ok: the like-for-like pair.
  echo "create $n nodes: redis-cli ${rcm} ms, trib --no-wait-ok ${trm} ms, speed-up $(ratio "$rcm" "$trm")x (target >= 3x)"
  echo "create $n nodes: trib (default, until every node reports cluster_state:ok) ${twm} ms"
  if [ "$n" = 30 ]; then
    cc=() tc=() ti=()
    for ((r = 0; r < rounds + 2; r++)); do
      cc+=("$(time_cmd redis-cli --cluster check 127.0.0.1:$base)")
      tc+=("$(TRIB_TIMING=1 time_cmd "$trib" check 127.0.0.1:$base)")
      ti+=("$(sed -n 's/^trib: .*after start-up \([0-9]*\) ms.*/\1/p' "$work/last.out")")
    done
    ccm=$(printf '%s\n' "${cc[@]}" | median)
    tcm=$(printf '%s\n' "${tc[@]}" | median)
    tim=$(printf '%s\n' "${ti[@]}" | median)
    echo "check 30 nodes: redis-cli ${ccm} ms, trib ${tcm} ms wall (target < 500 ms), trib after JVM start-up ${tim} ms, ratio redis-cli/trib-after-start-up $(ratio "$ccm" "$tim")"
  fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
done
