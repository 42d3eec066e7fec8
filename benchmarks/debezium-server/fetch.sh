#!/usr/bin/env bash
# Fetches Debezium Server 3.6.3.Final (the peer relay of bin/benchmark relay) into ~/.m2 and unpacks it
# under benchmarks/target/debezium-server (800 MB; never committed). Prints the unpacked directory.
#
#   benchmarks/debezium-server/fetch.sh            # idempotent: reuses what is already there
#
# `mvn dependency:get -Dartifact=io.debezium:debezium-server-dist:3.6.3.Final:tar.gz -Dtransitive=false`
# is tried first; on this network it fails reading the artifact's parent POM (debezium-server:3.6.3.Final
# is not served), so the same file is then fetched from the same Maven Central path with curl.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version=3.6.3.Final
sha1=ef587b8288065f86f59bd92d6999391f0b287cdb   # of the tar.gz fetched on 2026-11-29 (Central has no .sha1 for it)
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
dir="$repo/io/debezium/debezium-server-dist/$version"
tgz="$dir/debezium-server-dist-$version.tar.gz"
dest="$home/benchmarks/target/debezium-server-$version"

if [ ! -x "$dest/debezium-server/run.sh" ]; then
  if [ ! -f "$tgz" ]; then
    echo "fetching debezium-server-dist $version (708 MB) ..." >&2
    (cd "$home" && mvn -B -q dependency:get -Dartifact=io.debezium:debezium-server-dist:$version:tar.gz \
        -Dtransitive=false >&2) || true
  fi
  if [ ! -f "$tgz" ]; then
    mkdir -p "$dir"
    curl -fsSL -o "$tgz.part" \
      "https://repo.maven.apache.org/maven2/io/debezium/debezium-server-dist/$version/debezium-server-dist-$version.tar.gz"
    mv "$tgz.part" "$tgz"
  fi
  actual=$(sha1sum "$tgz" | cut -d' ' -f1)
  if [ "$actual" != "$sha1" ]; then
    echo "warning: $tgz has SHA-1 $actual, expected $sha1" >&2
  fi
  rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
  tar xzf "$tgz" -C "$dest.tmp"
  # The dist's example configs are not used (each run writes its own config/application.properties in
  # its run directory); moved out so nothing picks them up by accident.
  mkdir -p "$dest.tmp/debezium-server/config-examples"
  mv "$dest.tmp"/debezium-server/config/*.example "$dest.tmp/debezium-server/config-examples/" 2>/dev/null || true
  rm -rf "$dest" && mv "$dest.tmp" "$dest"
fi
echo "$dest/debezium-server"
