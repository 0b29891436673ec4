#!/usr/bin/env bash
# Benchmark: the same slot moves done by redis-cli --cluster reshard (default pipeline, and pipeline 1000) and
# by trib reshard, alternating on one cluster and one data set, plus the per-slot MIGRATE ceiling measured in the
# same run between two standalone servers. Prints keys/s and the ratios.
# Usage: bench/reshard.sh [keys (default 1000000: ~61 per slot, the issue's scenario)] [slots per move (default 2000)] [rounds (default 2)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keys="${1:-1000000}"; slots="${2:-2000}"; rounds="${3:-2}"
trib="$root/bin/trib"
work="$(mktemp -d /tmp/trib-bench-reshard-XXXX)"
base=22100   # bus ports (+10000) stay below the ephemeral port range
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
command -v redis-server >/dev/null || { echo "bench: redis-server not installed" >&2; exit 1; }
"$trib" --version >/dev/null

start() { # port [cluster yes|no]
  mkdir -p "$work/$1"
  redis-server --port "$1" --bind 127.0.0.1 --cluster-enabled "$2" --cluster-config-file nodes.conf \
    --cluster-announce-ip 127.0.0.1 --cluster-node-timeout 5000 --dir "$work/$1" --save "" --appendonly no \
    --logfile "$work/$1/log" &
  pids+=($!)
  until redis-cli -p "$1" ping >/dev/null 2>&1; do sleep 0.02; done
}
for i in 0 1 2 3 4 5; do start $((base + i)) yes; done
"$trib" create --replicas 1 --yes -q $(for i in 0 1 2 3 4 5; do printf '127.0.0.1:%d ' $((base + i)); done) >/dev/null
echo "bench: loading $keys keys ..." >&2
python3 "$root/bench/lib/resp.py" load 127.0.0.1 $base "$keys" 16

id_of() { redis-cli -p "$1" cluster myid; }
a=$(id_of $base); b=$(id_of $((base + 1)))
# The first $slots slots of master A move to B and back: the same keys every time.
moved=$(python3 "$root/bench/lib/resp.py" count 127.0.0.1 $base 0 $((slots - 1)))
echo "bench: each move carries $slots slots and $moved keys" >&2

now_ms() { date +%s%3N; }
timed() { local t0; t0=$(now_ms); "$@" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }; echo $(( $(now_ms) - t0 )); }
rate() { awk -v k="$moved" -v ms="$1" 'BEGIN { printf "%.0f", k / (ms / 1000.0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
best() { sort -n | tail -1; }

there() { # tool and direction: A->B, then B->A
  case "$1" in
    cli10) redis-cli --cluster reshard 127.0.0.1:$base --cluster-from "$2" --cluster-to "$3" --cluster-slots "$slots" --cluster-yes ;;
    cli1000) redis-cli --cluster reshard 127.0.0.1:$base --cluster-from "$2" --cluster-to "$3" --cluster-slots "$slots" --cluster-yes --cluster-pipeline 1000 ;;
    trib) "$trib" reshard 127.0.0.1:$base --from "$2" --to "$3" --slots "$slots" --yes -q --journal "$work/j-$RANDOM.json" ;;
  esac
}
# Right after a move the nodes disagree for a moment while the new owner's epoch spreads, and redis-cli refuses
# to reshard then: every run starts on a settled cluster (outside the timings).
settle() { until redis-cli --cluster check 127.0.0.1:$base >/dev/null 2>&1; do sleep 0.05; done; }
declare -A rates
for ((r = 0; r < rounds; r++)); do
  for tool in cli10 cli1000 trib; do
    settle; ms=$(timed there "$tool" "$a" "$b"); rates[$tool]+="$(rate "$ms") "
    settle; ms=$(timed there "$tool" "$b" "$a"); rates[$tool]+="$(rate "$ms") "
  done
done
for tool in cli10 cli1000 trib; do eval "best_$tool=$(printf '%s\n' ${rates[$tool]} | best)"; done

# In-cluster ceiling: the same slots opened beforehand, then only back-to-back MIGRATEs (one slot's keys each)
# timed, then moved back to A so the data set is as before. The target for "trib / ceiling".
settle
cceil=$(python3 "$root/bench/lib/resp.py" cluster-ceiling $base "$a" $((base + 1)) "$b" "$slots" "$base,$((base + 1)),$((base + 2))")
settle; there trib "$b" "$a" >/dev/null 2>&1

# Standalone ceiling: one MIGRATE per slot's keys, no cluster at all, between two standalone servers.
start $((base + 10)) no; start $((base + 11)) no
per_slot=$(( (moved + slots - 1) / slots ))
ceiling=$(python3 "$root/bench/lib/resp.py" ceiling $((base + 10)) $((base + 11)) "$slots" "$per_slot" 16)

echo "reshard $slots slots / $moved keys (best of $((rounds * 2)) moves each):"
echo "  redis-cli (pipeline 10):     ${best_cli10} keys/s"
echo "  redis-cli (pipeline 1000):   ${best_cli1000} keys/s"
echo "  trib:                        ${best_trib} keys/s"
echo "  per-slot MIGRATE ceiling:    ${cceil} keys/s in the cluster, SETSLOT steps left out"
echo "  standalone MIGRATE ceiling:  ${ceiling} keys/s ($per_slot keys per call, two non-cluster servers)"
echo "  trib / redis-cli default:    $(ratio "$best_trib" "$best_cli10")x (target >= 3)"
echo "  trib / redis-cli p1000:      $(ratio "$best_trib" "$best_cli1000")x (target >= 1.5)"
echo "  trib / ceiling:              $(ratio "$best_trib" "$cceil") (target >= 0.8; vs standalone $(ratio "$best_trib" "$ceiling"))"
