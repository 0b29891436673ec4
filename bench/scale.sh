#!/usr/bin/env bash
# Benchmark: trib against redis-cli --cluster on one set of N redis-server nodes, in one run: create; check,
# check --json, info, watch --once; a drain (rebalance, weight 0) and add-node + rebalance --use-empty-masters;
# a reshard of many slots with keys; fix of 30 half-moved slots; failover --host; del-node. The nodes are
# reset between the tools (FLUSHALL + CLUSTER RESET HARD). Prints wall times and ratios (redis-cli / trib).
# A redis-cli step still running after 900 s is stopped and recorded as a lower bound (">900000", ratio ">r").
# Usage: bench/scale.sh [nodes (default 150)] [keys (default 200000)] [hosts (default 5)]; READS_ONLY=1 for create
# and the reads only; STOP_AFTER=drain for those and the drain; CREATE_ROUNDS=K for K interleaved creates per
# tool (medians). The reads are timed twice for trib: each in a JVM of its own, then through `trib daemon` (a
# resident JVM), alternated with redis-cli's check.
# Nodes are spread over 127.0.0.1 .. 127.0.0.<hosts> (bind + cluster-announce-ip), so anti-affinity and
# failover --host mean something; one more node is kept aside for add-node.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-150}"; keys="${2:-200000}"; hosts="${3:-5}"
trib="$root/bin/trib"
# The issue's memory bound: every trib command runs with a 256 MB heap (an OutOfMemoryError fails the bench).
export TRIB_JAVA_OPTS="${TRIB_JAVA_OPTS:--Xmx256m}"
# No daemon but the one daemon_reads starts: a user's running daemon must not serve the cold reads.
export TRIB_NO_DAEMON=1
resp=(python3 "$root/bench/lib/resp.py")
work="$(mktemp -d /tmp/trib-bench-scale-XXXX)"
base=20000   # 20000..20250, bus ports +10000: below the ephemeral port range
reshard_slots=2000
open_slots=30
# 10 s: on a 2-core machine shared with other work, 5 s let masters be marked failing mid-run (CLUSTERDOWN).
node_timeout=${NODE_TIMEOUT:-10000}
pids=()
last_start=0   # when the last node was started (ms)

cleanup() {
  TRIB_NO_DAEMON= "$trib" daemon stop >/dev/null 2>&1 || true
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v redis-server >/dev/null || { echo "bench: redis-server not installed" >&2; exit 1; }
"$trib" --version >/dev/null   # builds the jar and the CDS archive once, outside the timings
# Then without bin/trib's staleness check: an edit in the tree during a long run must not start a build inside a
# timed step.
export TRIB_NO_REBUILD=1

ip_of() { echo "127.0.0.$((1 + $1 % hosts))"; }
addr_of() { echo "$(ip_of "$1"):$((base + $1))"; }
total=$((n + 1))           # node n is the spare for add-node
entry=$(addr_of 0)
spare=$(addr_of "$n")
cluster_addrs=(); for ((i = 0; i < n; i++)); do cluster_addrs+=("$(addr_of "$i")"); done
all_csv=$(for ((i = 0; i < total; i++)); do printf '%s,' "$(addr_of "$i")"; done); all_csv=${all_csv%,}
cluster_csv=$(IFS=,; echo "${cluster_addrs[*]}")

start_node() { # index
  local i=$1 ip port dir
  ip=$(ip_of "$i"); port=$((base + i)); dir="$work/$port"
  rm -rf "$dir"; mkdir -p "$dir"
  redis-server --port "$port" --bind "$ip" --cluster-enabled yes --cluster-config-file nodes.conf \
    --cluster-announce-ip "$ip" --cluster-node-timeout "$node_timeout" --dir "$dir" --save "" --appendonly no \
    --daemonize no --logfile "$dir/log" --enable-debug-command yes &
  pids[$i]=$!
  last_start=$(date +%s%3N)
}
ensure_nodes() { # (re)starts any node that is not running (redis-cli del-node may stop the removed node)
  for ((i = 0; i < total; i++)); do
    if [ -z "${pids[$i]:-}" ] || ! kill -0 "${pids[$i]}" 2>/dev/null; then start_node "$i"; fi
  done
  for ((i = 0; i < total; i++)); do
    until redis-cli -h "$(ip_of "$i")" -p $((base + i)) ping >/dev/null 2>&1; do sleep 0.02; done
  done
}

now_ms() { date +%s%3N; }
# A failed step leaves what is needed to find out why, since the nodes and $work go at exit: every node's CLUSTER
# NODES, log and nodes.conf, and the command's output, in a directory that stays (BENCH_EVIDENCE to choose it).
keep_evidence() { # key
  local dir="${BENCH_EVIDENCE:-/tmp/trib-bench-failed-$1-$$}" i port
  mkdir -p "$dir"; cp "$work/last.out" "$dir/" 2>/dev/null || true
  for ((i = 0; i < total; i++)); do
    port=$((base + i))
    redis-cli -h "$(ip_of "$i")" -p "$port" cluster nodes > "$dir/nodes-$port.txt" 2>&1 || true
    cp "$work/$port/log" "$dir/log-$port" 2>/dev/null || true
    cp "$work/$port/nodes.conf" "$dir/nodes.conf-$port" 2>/dev/null || true
  done
  echo "bench: every node's view, log and nodes.conf are in $dir" >&2
}
declare -A t
step_limit=900 # s: a step still running then is stopped
timed() { # key command...: records the wall time in ms as t[key]; fails loudly if the command fails (with
  # SOFT=1 it records "failed", says so, and returns 1: a redis-cli failure must not lose trib's figures)
  local key=$1 t0 rc=0; shift
  t0=$(now_ms)
  if declare -F "$1" >/dev/null; then "$@"; else timeout "$step_limit" "$@"; fi >"$work/last.out" 2>&1 || rc=$?
  if [ "$rc" -eq 124 ] && [[ "$key" == cli:* ]]; then
    # redis-cli's reshard of 2000 slots with 200,000 keys on 250 nodes outlasts the limit (1592 slots moved in
    # 900 s): recorded as a lower bound, the slot it was moving is closed, and the run goes on.
    t[$key]=">$(( step_limit * 1000 ))"
    echo "  $key: stopped after $step_limit s, recorded as ${t[$key]} ms" >&2
    redis-cli --cluster fix "$entry" --cluster-yes >"$work/fix-after-limit.out" 2>&1 || true
    return 0
  fi
  if [ "$rc" -ne 0 ]; then
    echo "bench: failed ($key): ${*:0:3} ..." >&2; tail -30 "$work/last.out" >&2
    keep_evidence "$key"
    if [ -n "${SOFT:-}" ]; then t[$key]=failed; return 1; fi
    report; exit 1
  fi
  t[$key]=$(( $(now_ms) - t0 ))
  echo "  $key: ${t[$key]} ms" >&2
  # A wait trib announced (epochs settling, a master failed back) belongs with the figure it explains.
  if [[ "$key" == trib:* ]]; then grep '\[WARNING\]' "$work/last.out" | sed "s/^/    $key: /" >&2 || true; fi
}
median3() { # key command...: median of three runs
  local key=$1 a b c; shift
  timed "$key" "$@"; a=${t[$key]}; timed "$key" "$@"; b=${t[$key]}; timed "$key" "$@"; c=${t[$key]}
  t[$key]=$(printf '%s\n' "$a" "$b" "$c" | sort -n | sed -n 2p)
}
settle() { # outside the timings: every node agrees, no open slot, every node cluster_state:ok
  local deadline=$(( $(date +%s) + 120 ))
  until redis-cli --cluster check "$entry" >"$work/settle.out" 2>&1 && ! grep -q '\[WARNING\]\|\[ERR\]' "$work/settle.out"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "bench: cluster does not settle:" >&2; grep '\[' "$work/settle.out" >&2; exit 1; }
    sleep 0.2
  done
  "${resp[@]}" wait-ok "$cluster_csv" 120
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_idle_pct() { # share of CPU time idle over the next half second, all cores
  local a b; a=$(awk '/^cpu /{print $5+$6, $2+$3+$4+$5+$6+$7+$8}' /proc/stat); sleep 0.5
  b=$(awk '/^cpu /{print $5+$6, $2+$3+$4+$5+$6+$7+$8}' /proc/stat)
  echo "$a $b" | awk '{d = $4 - $2; print (d > 0 ? int(100 * ($3 - $1) / d) : 100)}'
}
quiet() { # before a create, on nodes just reset: the previous tool's aftermath must not land on the next tool
  # (a cluster of N nodes gossips on every core; once reset the nodes go idle within seconds). Waits (at most
  # 60 s) until the machine is at least 70% idle: the load average lags by a minute and says little here.
  local deadline=$(( $(date +%s) + 60 )) idle
  until idle=$(cpu_idle_pct); [ "$idle" -ge 70 ] || [ "$(date +%s)" -ge "$deadline" ]; do :; done
  [ "$idle" -ge 70 ] || echo "bench: machine still busy ($idle% idle) after 60 s; timing anyway" >&2
}

declare -A rounds   # cli / cli-own / trib: every create's time, for the medians
create_once() { # tool: cli|trib, on nodes just reset
  local tool=$1
  # Redis skips its minority bookkeeping in a node's first 2 s, so a create within 2 s of a node's start dodges
  # the rejoin delay (min(node timeout, 5 s)) there: whichever tool came first on fresh nodes would gain it.
  until [ $(( $(now_ms) - last_start )) -ge 3000 ]; do sleep 0.1; done
  "${resp[@]}" reset "$all_csv"
  quiet
  if [ "$tool" = cli ]; then
    if ! SOFT=1 timed cli:create redis-cli --cluster create "${cluster_addrs[@]}" --cluster-replicas 1 \
        --cluster-yes; then
      rounds[cli]+=" failed"; rounds[cli-own]+=" failed"; t[cli:create-ok]=failed; return 1
    fi
    local t0; t0=$(now_ms)
    "${resp[@]}" wait-ok "$cluster_csv" 120
    t[cli:create-ok]=$(( t[cli:create] + $(now_ms) - t0 ))
    rounds[cli]+=" ${t[cli:create-ok]}"; rounds[cli-own]+=" ${t[cli:create]}"
  else
    timed trib:create "$trib" create --replicas 1 --yes -q "${cluster_addrs[@]}"
    # trib's create returns once every node reports cluster_state:ok: checked without waiting.
    bad=$("${resp[@]}" not-ok "$cluster_csv")
    [ -z "$bad" ] || { echo "bench: trib create returned with nodes not ok: $bad" >&2; exit 1; }
    rounds[trib]+=" ${t[trib:create]}"
  fi
}
median_of() { # of the rounds that succeeded
  printf '%s\n' $1 | grep -E '^[0-9]+$' | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

create_and_read() { # tool: cli|trib
  local tool=$1 c
  echo "bench: $tool create and reads ($(load) load)" >&2
  create_once "$tool" || { echo "bench: $tool create failed: no reads for it" >&2; return 0; }
  settle

  if [ "$tool" = cli ]; then
    median3 cli:check redis-cli --cluster check "$entry"
    median3 cli:info redis-cli --cluster info "$entry"
  else
    for c in "${reads[@]}"; do median3 "trib:$c" "$trib" ${read_args[$c]} "$entry"; done
    daemon_reads
  fi

}

# trib's reads, each timed against redis-cli's check: key, then the arguments before the entry node.
reads=(check check-json info watch-once)
declare -A read_args=([check]="check" [check-json]="check --json" [info]="info" [watch-once]="watch --once")

daemon_reads() { # the reads through `trib daemon`, each round beside a redis-cli check; medians of 7
  local r c
  declare -A runs
  TRIB_NO_DAEMON= "$trib" daemon start >/dev/null
  TRIB_NO_DAEMON= timed trib:daemon-first "$trib" check "$entry"
  # As a monitoring check meets a cluster: settled, not in the gossip storm that follows a create (which slows
  # trib's parallel reads more than redis-cli's sequential ones; both are timed alike, round after round).
  quiet
  for ((r = 0; r < 7; r++)); do
    timed cli:check-beside redis-cli --cluster check "$entry"; runs[cli]+=" ${t[cli:check-beside]}"
    for c in "${reads[@]}"; do
      TRIB_NO_DAEMON= timed "trib:d-$c" "$trib" ${read_args[$c]} "$entry"
      runs[$c]+=" ${t[trib:d-$c]}"
    done
  done
  t[cli:check-beside]=$(median_of "${runs[cli]}")
  for c in "${reads[@]}"; do t[trib:d-$c]=$(median_of "${runs[$c]}"); done
  TRIB_NO_DAEMON= "$trib" daemon stop >/dev/null
}

operate() { # tool: cli|trib, on a settled cluster just created
  local tool=$1 d d_addr target open
  echo "bench: $tool operations ($(load) load)" >&2
  echo "bench: loading $keys keys" >&2
  "${resp[@]}" load "${entry%:*}" "${entry#*:}" "$keys" 16
  settle
  keys_kept load

  read -r d d_addr < <("${resp[@]}" owner "${entry%:*}" "${entry#*:}" 16383)
  if [ "$tool" = cli ]; then
    timed cli:drain redis-cli --cluster rebalance "$entry" --cluster-weight "$d=0" --cluster-yes
  else
    timed trib:drain "$trib" rebalance "$entry" --weight "$d=0" --yes -q --journal "$work/j-drain.json"
  fi
  settle
  keys_kept drain
  # STOP_AFTER=drain: the drain's figures at a size where the whole run takes too long.
  if [ "${STOP_AFTER:-}" = drain ]; then return 0; fi

  if [ "$tool" = cli ]; then
    timed cli:add-node redis-cli --cluster add-node "$spare" "$entry"
  else
    timed trib:add-node "$trib" add-node "$spare" "$entry" --yes -q
  fi
  "${resp[@]}" wait-known "$cluster_csv,$spare" "$total" 120   # redis-cli returns before all know the node
  settle
  keys_kept add-node
  if [ "$tool" = cli ]; then
    timed cli:use-empty redis-cli --cluster rebalance "$entry" --cluster-use-empty-masters --cluster-yes
  else
    timed trib:use-empty "$trib" rebalance "$entry" --use-empty-masters --yes -q --journal "$work/j-empty.json"
  fi
  settle
  keys_kept use-empty

  read -r target _ < <("${resp[@]}" owner "${entry%:*}" "${entry#*:}" 0)
  if [ "$tool" = cli ]; then
    timed cli:reshard redis-cli --cluster reshard "$entry" --cluster-from all --cluster-to "$target" \
      --cluster-slots "$reshard_slots" --cluster-yes
  else
    timed trib:reshard "$trib" reshard "$entry" --from all --to "$target" --slots "$reshard_slots" --yes -q \
      --journal "$work/j-reshard.json"
  fi
  settle
  keys_kept reshard

  open=$("${resp[@]}" open-slots "${entry%:*}" "${entry#*:}" "$open_slots")
  if [ "$tool" = cli ]; then
    timed cli:fix redis-cli --cluster fix "$entry" --cluster-yes
  else
    timed trib:fix "$trib" fix "$entry" --yes -q
  fi
  settle
  keys_kept fix

  if [ "$tool" = cli ]; then
    # redis-cli has no failover command: the by-hand way, CLUSTER FAILOVER on a replica elsewhere, one master
    # after another, each until the replica reports itself master.
    timed cli:failover-host failover_by_hand "$(ip_of 1)"
  else
    timed trib:failover-host "$trib" failover "$entry" --host "$(ip_of 1)" --yes -q
  fi
  settle
  keys_kept failover-host

  # The drained master is a replica now, or (after redis-cli's drain) an empty master that
  # --use-empty-masters filled again: remove whichever node holds no slots.
  local gone; gone=$("${resp[@]}" slotless "${entry%:*}" "${entry#*:}")
  if [ "$tool" = cli ]; then
    timed cli:del-node redis-cli --cluster del-node "$entry" "$gone"
  else
    timed trib:del-node "$trib" del-node "$entry" "$gone" --yes -q
  fi
  keys_kept del-node
  echo "bench: $tool done, $keys keys kept, open slots fixed: $open (slots, keys half moved) ($(load) load)" >&2
  ensure_nodes
}

keys_kept() { # step: every key loaded is still in the cluster after it (a loss is pinned to its step)
  local left; left=$("${resp[@]}" total-keys "$cluster_csv,$spare")
  [ "$left" = "$keys" ] && return 0
  echo "bench: $tool: $left keys in the cluster after $1, $keys loaded" >&2
  keep_evidence "$tool-$1-lost-keys"; report; exit 1
}

failover_by_hand() { # ip
  "${resp[@]}" masters-on-host "${entry%:*}" "${entry#*:}" "$1" | while read -r _ replica; do
    redis-cli -h "${replica%:*}" -p "${replica#*:}" cluster failover >/dev/null
    until redis-cli -h "${replica%:*}" -p "${replica#*:}" role | head -1 | grep -q master; do sleep 0.05; done
  done
}

ratio() { # a redis-cli time of ">N" (stopped at the limit) gives a lower bound ">r"
  local bound=""; [[ "$1" == ">"* ]] && bound=">"
  if ! [[ "${1#>}" =~ ^[0-9]+$ && "$2" =~ ^[0-9]+$ ]]; then echo -; else awk -v a="${1#>}" -v b="$2" -v p="$bound" 'BEGIN { if (b == 0) b = 1; printf "%s%.2f", p, a / b }'; fi
}
row() { printf '%-34s %10s %10s %8s\n' "$1" "$2" "$3" "$4"; }
report() {
echo "scale: $n nodes (replicas 1, cluster-node-timeout $node_timeout) on $hosts addresses, $keys keys, trib with $TRIB_JAVA_OPTS; load average $load_start at start, $(load) at end"
[ "${CREATE_ROUNDS:-1}" -le 1 ] || echo "create, every round (ms): redis-cli until ok:${rounds[cli]:-}; trib:${rounds[trib]:-}; medians below"
row "step" "redis-cli" "trib" "cli/trib"
row "create (until every node ok)" "${t[cli:create-ok]:-}" "${t[trib:create]:-}" "$(ratio "${t[cli:create-ok]:-}" "${t[trib:create]:-}")"
row "create (redis-cli's own return)" "${t[cli:create]:-}" "${t[trib:create]:-}" "$(ratio "${t[cli:create]:-}" "${t[trib:create]:-}")"
for c in "${reads[@]}"; do
  row "$c (vs redis-cli check)" "${t[cli:check]:-}" "${t[trib:$c]:-}" "$(ratio "${t[cli:check]:-}" "${t[trib:$c]:-}")"
done
row "daemon: first check after start" "${t[cli:check-beside]:-}" "${t[trib:daemon-first]:-}" "$(ratio "${t[cli:check-beside]:-}" "${t[trib:daemon-first]:-}")"
for c in "${reads[@]}"; do
  row "daemon: $c (vs check beside)" "${t[cli:check-beside]:-}" "${t[trib:d-$c]:-}" "$(ratio "${t[cli:check-beside]:-}" "${t[trib:d-$c]:-}")"
done
row "info (vs redis-cli info)" "${t[cli:info]:-}" "${t[trib:info]:-}" "$(ratio "${t[cli:info]:-}" "${t[trib:info]:-}")"
row "drain one master (weight 0)" "${t[cli:drain]:-}" "${t[trib:drain]:-}" "$(ratio "${t[cli:drain]:-}" "${t[trib:drain]:-}")"
row "add-node (master)" "${t[cli:add-node]:-}" "${t[trib:add-node]:-}" "$(ratio "${t[cli:add-node]:-}" "${t[trib:add-node]:-}")"
row "rebalance --use-empty-masters" "${t[cli:use-empty]:-}" "${t[trib:use-empty]:-}" "$(ratio "${t[cli:use-empty]:-}" "${t[trib:use-empty]:-}")"
row "reshard $reshard_slots slots from all" "${t[cli:reshard]:-}" "${t[trib:reshard]:-}" "$(ratio "${t[cli:reshard]:-}" "${t[trib:reshard]:-}")"
row "fix $open_slots half-moved slots" "${t[cli:fix]:-}" "${t[trib:fix]:-}" "$(ratio "${t[cli:fix]:-}" "${t[trib:fix]:-}")"
row "failover --host $(ip_of 1) (cli: by hand)" "${t[cli:failover-host]:-}" "${t[trib:failover-host]:-}" "$(ratio "${t[cli:failover-host]:-}" "${t[trib:failover-host]:-}")"
row "del-node (a node without slots)" "${t[cli:del-node]:-}" "${t[trib:del-node]:-}" "$(ratio "${t[cli:del-node]:-}" "${t[trib:del-node]:-}")"
}

echo "bench: starting $total redis-server nodes on $hosts loopback addresses ($(load) load)" >&2
ensure_nodes
load_start=$(load)
# Create and the reads first for both tools (they take seconds), then the operations: the heavy part, on the
# cluster trib just made, then on one made again by redis-cli (untimed).
# CREATE_ORDER="trib cli" swaps who goes first.
# CREATE_ROUNDS=K (default 1): K creates per tool, interleaved, and the medians reported: at 150 nodes one create
# varies by 2x with what else the machine runs.
for ((r = 1; r < ${CREATE_ROUNDS:-1}; r++)); do
  for tool in ${CREATE_ORDER:-cli trib}; do echo "bench: $tool create, round $r ($(load) load)" >&2; create_once "$tool" || true; done
done
for tool in ${CREATE_ORDER:-cli trib}; do create_and_read "$tool"; done
t[cli:create-ok]=$(median_of "${rounds[cli]}"); t[cli:create]=$(median_of "${rounds[cli-own]}")
t[trib:create]=$(median_of "${rounds[trib]}")
# READS_ONLY=1: create and the reads only (a quick look at a size where the whole run takes too long).
if [ -z "${READS_ONLY:-}" ]; then
  operate trib
  "${resp[@]}" reset "$all_csv"
  if redis-cli --cluster create "${cluster_addrs[@]}" --cluster-replicas 1 --cluster-yes >"$work/cli-create.out" 2>&1
  then
    settle
    operate cli
  else
    echo "bench: redis-cli could not create the cluster for its operations:" >&2; tail -5 "$work/cli-create.out" >&2
  fi
fi
load_end=$(load)

report
