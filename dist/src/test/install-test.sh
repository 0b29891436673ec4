#!/usr/bin/env bash
# The release as a user gets it: the archive unpacked into a temporary prefix and the .deb installed into a
# temporary root (dpkg --root), each run from another directory through a link in PATH: --version of both
# launchers, man pages, a cluster created and checked on real redis-server nodes, a sandbox of bundled nodes;
# then the package is removed and nothing of it may be left.
# Usage: install-test.sh ARCHIVE TARGET_DIR VERSION
set -euo pipefail
archive=$1; target=$2; version=$3
work=$(mktemp -d "$target/install-test-XXXX")
pids=()
cleanup() {
  [ -x "$work/path/trib" ] && HOME="$work/home" XDG_CACHE_HOME="$work/home/.cache" "$work/path/trib" daemon stop \
    >/dev/null 2>&1 || true
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  [ -x "$work/root/usr/bin/trib" ] && HOME="$work/home" "$work/root/usr/bin/trib" sandbox down --dir "$work/sandbox" \
    >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "install-test: FAILED: $*" >&2; exit 1; }
step() { echo "install-test: $*" >&2; }
for tool in redis-server man dpkg; do
  command -v "$tool" >/dev/null || fail "$tool is needed (.ci/run installs it)"
done
mkdir -p "$work/home" "$work/elsewhere" "$work/path"
export HOME="$work/home" XDG_CACHE_HOME="$work/home/.cache"
cd "$work/elsewhere"

check_launchers() { # bin dir in PATH, man dir
  local bin=$1 mandir=$2 out
  out=$(PATH="$bin:$PATH" trib --version) || fail "trib --version exited $?"
  [[ "$out" =~ ^trib\ $version\ \(commit\ [0-9a-f]{12}\)$ ]] || fail "trib --version printed '$out'"
  out=$(PATH="$bin:$PATH" trib-node --version) || fail "trib-node --version exited $?"
  [[ "$out" == *" trib=$version commit="* ]] || fail "trib-node --version printed '$out'"
  out=$(MANPATH="$mandir" man -w trib-reshard) || fail "man -w trib-reshard found no page under $mandir"
  [[ "$out" == "$mandir"/man1/trib-reshard.1* ]] || fail "man -w trib-reshard gave $out"
  MANPATH="$mandir" MANWIDTH=100 man trib-reshard 2>/dev/null | grep -q -- "--slots" \
    || fail "man trib-reshard does not show --slots"
  MANPATH="$mandir" man -w trib-node >/dev/null || fail "no man page for trib-node"
}

# Three redis-server nodes on ports no test fixture uses (bus ports set beside them, below the ephemeral range).
start_nodes() {
  local base=$1 i
  for i in 0 1 2; do
    mkdir -p "$work/n$i"
    redis-server --port $((base + i)) --cluster-port $((base + 50 + i)) --bind 127.0.0.1 --cluster-enabled yes \
      --cluster-config-file nodes.conf --dir "$work/n$i" --save "" --appendonly no --logfile "$work/n$i/log" \
      --daemonize no &
    pids+=($!)
  done
  for i in 0 1 2; do
    for _ in $(seq 1 200); do redis-cli -p $((base + i)) ping >/dev/null 2>&1 && break; sleep 0.05; done
  done
}

step "archive: unpack into a prefix, link the launchers into PATH"
mkdir -p "$work/prefix"; tar -xzf "$archive" -C "$work/prefix"
home="$work/prefix/trib-$version"
for f in bin/trib bin/trib-node lib/trib.jar lib/trib-node.jar man/man1/trib.1 man/man1/trib-check.1 \
    completions/trib.bash completions/_trib docs/README.md NOTICE THIRD-PARTY.txt README.md; do
  [ -e "$home/$f" ] || fail "the archive has no $f"
done
grep -q "picocli" "$home/NOTICE" && grep -q "io.netty:netty-handler" "$home/THIRD-PARTY.txt" \
  || fail "NOTICE does not name picocli or THIRD-PARTY.txt does not list netty"
ln -s "$home/bin/trib" "$work/path/trib"; ln -s "$home/bin/trib-node" "$work/path/trib-node"
check_launchers "$work/path" "$home/man"
# The first run made the start-up archive in the user's cache, under the jar's own path.
[ -f "$XDG_CACHE_HOME/trib$(cd "$home" && pwd -P)/lib/trib.jsa" ] || fail "no class-data-sharing archive in the cache"

step "archive: create and check a cluster of three redis-server nodes"
start_nodes 23100
PATH="$work/path:$PATH" trib create --yes -q 127.0.0.1:23100 127.0.0.1:23101 127.0.0.1:23102 >/dev/null \
  || fail "trib create exited $?"
out=$(PATH="$work/path:$PATH" trib check 127.0.0.1:23101) || fail "trib check exited $?: $out"
grep -qx "\[OK\] All 16384 slots covered." <<<"$out" || fail "trib check did not report full coverage: $out"

step "archive: trib daemon runs the check, with the same answer, then stops"
PATH="$work/path:$PATH" trib daemon start >"$work/daemon.out" 2>&1 || { cat "$work/daemon.out" >&2; fail "trib daemon start exited"; }
out=$(PATH="$work/path:$PATH" trib check 127.0.0.1:23101) || fail "trib check through the daemon exited $?: $out"
own=$(TRIB_NO_DAEMON=1 PATH="$work/path:$PATH" trib check 127.0.0.1:23101) || fail "trib check exited $?: $own"
[ "$out" = "$own" ] || fail "the daemon's check differs from trib's own: $out"
out=$(PATH="$work/path:$PATH" trib daemon status) || fail "trib daemon status exited $?: $out"
[[ "$out" == *", 1 command(s) run;"* ]] || fail "the daemon did not run the check: $out"
PATH="$work/path:$PATH" trib daemon stop >/dev/null || fail "trib daemon stop exited $?"
! PATH="$work/path:$PATH" trib daemon status >/dev/null || fail "the daemon still answers after stop"

step "archive: a daemon that exits at start is reported with its log; without nohup, trib starts it all the same"
# The daemon's file is its last step at start: a directory in its place makes the daemon exit there.
cache_dir="$XDG_CACHE_HOME/trib$(cd "$home" && pwd -P)/lib"
mkdir -p "$cache_dir/daemon"
rc=0; out=$(PATH="$work/path:$PATH" trib daemon start 2>&1) || rc=$?
[ "$rc" = 1 ] || fail "trib daemon start with no place for its file exited $rc: $out"
[ "$out" = "[ERR] the trib daemon exited at start (code 1); see $cache_dir/daemon.log" ] \
  || fail "trib daemon start printed: $out"
grep -q "^trib daemon: cannot start: .*daemon: Is a directory$" "$cache_dir/daemon.log" \
  || fail "the daemon's log does not say why it exited"
rm -rf "$cache_dir/daemon"
# A PATH with bash and java only: no nohup (the daemon then runs without it), no mkdir, no readlink.
mkdir -p "$work/java-only"
ln -s "$(command -v java)" "$work/java-only/java"; ln -s "$(command -v bash)" "$work/java-only/bash"
rc=0; out=$(PATH="$work/java-only" "$home/bin/trib" daemon start 2>&1) || rc=$?
[ "$rc" = 0 ] || fail "trib daemon start without nohup exited $rc: $out"
out=$(PATH="$work/path:$PATH" trib check 127.0.0.1:23101) || fail "trib check through the daemon exited $?: $out"
out=$(PATH="$work/path:$PATH" trib daemon status) || fail "trib daemon status exited $?: $out"
[[ "$out" == *", 1 command(s) run;"* ]] || fail "the daemon started without nohup ran no check: $out"
PATH="$work/path:$PATH" trib daemon stop >/dev/null || fail "trib daemon stop exited $?"

step "deb: build checked, install into a temporary root"
deb=$(ls "$target"/trib_*_all.deb)
dpkg-deb --field "$deb" Depends | grep -q "java17-runtime-headless" || fail "the package does not depend on Java 17"
root="$work/root"; mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"; : >"$root/var/lib/dpkg/status"
dpkg_root() { dpkg --root="$root" --log=/dev/null --force-not-root --force-depends "$@"; }
dpkg_root -i "$deb" >/dev/null 2>&1 || fail "dpkg -i exited $?"
[ -f "$root/usr/share/bash-completion/completions/trib" ] && [ -f "$root/usr/share/zsh/vendor-completions/_trib" ] \
  || fail "the completions are not in the system's directories"
[ -f "$root/usr/share/doc/trib/copyright" ] || fail "no /usr/share/doc/trib/copyright"
check_launchers "$root/usr/bin" "$root/usr/share/man"
out=$(PATH="$root/usr/bin:$PATH" trib check 127.0.0.1:23100) || fail "installed trib check exited $?"

step "deb: a sandbox of bundled nodes, from another directory"
# Ports whose bus ports (+10000) stay below the ephemeral range (32768 up): a client socket can hold one above.
# 22710-22715: above the sandbox IT's ports; the test fixtures' nodes (bus ports up to 30999) are gone by now.
rc=0; PATH="$root/usr/bin:$PATH" trib sandbox up --dir "$work/sandbox" --base-port 22710 --bind 127.0.0.1 -q \
  >"$work/sandbox.out" 2>&1 || rc=$?
[ "$rc" = 0 ] || { cat "$work/sandbox.out" >&2; fail "trib sandbox up exited $rc"; }
out=$(PATH="$root/usr/bin:$PATH" trib check 127.0.0.1:22710) || fail "check of the sandbox exited $?: $out"
grep -q "\[OK\] All 6 nodes reachable and healthy." <<<"$out" || fail "the sandbox is not healthy: $out"
PATH="$root/usr/bin:$PATH" trib sandbox down --dir "$work/sandbox" >/dev/null || fail "trib sandbox down exited $?"

step "deb: remove; nothing of the package may be left"
dpkg_root -r trib >/dev/null 2>&1 || fail "dpkg -r exited $?"
left=$(find "$root" -path "$root/var" -prune -o \( -type f -o -type l \) -print)
[ -z "$left" ] || fail "left behind after dpkg -r: $left"
step "ok"
