#!/usr/bin/env bash
# Builds trib_<version>_all.deb from the release archive: launchers in /usr/bin (links into /usr/share/trib/bin,
# where the jars sit beside them in ../lib), man pages, bash and zsh completions in the system's directories,
# documents and notices in /usr/share/doc/trib.
# Usage: build-deb.sh ARCHIVE VERSION OUT_DIR
set -euo pipefail
archive=$1; version=$2; out=$3
command -v dpkg-deb >/dev/null || { echo "build-deb: dpkg-deb is needed (Debian package dpkg)" >&2; exit 1; }
# Debian sorts '~' before anything: 0.1.0~SNAPSHOT comes before the 0.1.0 release.
debver=${version//-/\~}
stage=$(mktemp -d "$out/deb-XXXX"); trap 'rm -rf "$stage"' EXIT
root=$stage/trib; share=$root/usr/share/trib; doc=$root/usr/share/doc/trib
mkdir -p "$share" "$root/usr/bin" "$root/usr/share/man/man1" "$doc" "$root/DEBIAN"
tar -xzf "$archive" -C "$share" --strip-components=1

ln -s ../share/trib/bin/trib "$root/usr/bin/trib"
ln -s ../share/trib/bin/trib-node "$root/usr/bin/trib-node"
for page in "$share"/man/man1/*.1; do gzip -9n <"$page" >"$root/usr/share/man/man1/$(basename "$page").gz"; done
install -D -m 644 "$share/completions/trib.bash" "$root/usr/share/bash-completion/completions/trib"
install -D -m 644 "$share/completions/_trib" "$root/usr/share/zsh/vendor-completions/_trib"
mv "$share/docs" "$share/README.md" "$share/THIRD-PARTY.txt" "$doc/"
cat "$share/NOTICE" - "$doc/THIRD-PARTY.txt" >"$doc/copyright" <<<""
rm -rf "$share/man" "$share/completions" "$share/NOTICE"
chmod -R u=rwX,go=rX "$root"

cat >"$root/DEBIAN/control" <<CONTROL
Package: trib
Version: $debver
Architecture: all
Maintainer: trib developers <trib@localhost>
Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless
Recommends: redis-tools
Section: database
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Description: Redis Cluster tool: create, reshard, check, repair, fail over
 trib creates, grows, shrinks, reshards, checks, repairs and fails over Redis
 Cluster deployments, accepting redis-cli --cluster's option spellings. It also
 bundles trib-node, a Redis Cluster node in Java, so that 'trib sandbox up'
 starts a local cluster with nothing but a Java runtime.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/trib_${debver}_all.deb" >/dev/null
echo "build-deb: $out/trib_${debver}_all.deb"
