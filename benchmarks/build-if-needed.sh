# Sourced by bin/load-test and bin/benchmark: builds the modules they start (targeted, -DskipTests)
# when a class path file is missing or a source changed since the last build.
stamp=benchmarks/target/.bench-built
needs_build() {
  [ -f "$stamp" ] || return 0
  for m in ingest-consumer cdc-relay benchmarks; do
    [ -f "$m/target/runtime-classpath.txt" ] || return 0
  done
  [ -n "$(find . -path ./.local-stack -prune -o -path ./.bench -prune -o -path '*/target' -prune -o -type f \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.sql' -o -name '*.properties' -o -name '*.yml' -o -name '*.xml' \) \
      -newer "$stamp" -print -quit)" ]
}
if needs_build; then
  echo "building (mvn -pl benchmarks -am package -DskipTests) ..." >&2
  mvn -B -q -pl benchmarks -am -DskipTests package >&2
  touch "$stamp"
fi
