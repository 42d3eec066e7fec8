# Sourced by bin/load-test and bin/benchmark: builds the modules they start (targeted, -DskipTests)
# when a class path file is missing or a source changed since the last build.
stamp=benchmarks/target/.bench-built
needs_build() {
  [ -f "$stamp" ] || return 0
  [ -f benchmarks/target/runtime-classpath.txt ] || return 0
  # The ingest and the relay run from their runnable jars (java -jar), the same files that ship.
  for m in cdc-relay ingest-consumer; do
    compgen -G "$m/target/$m-*-exec.jar" >/dev/null || return 0
  done
  [ -n "$(find . -path ./.local-stack -prune -o -path ./.bench -prune -o -path '*/target' -prune -o -type f \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.sql' -o -name '*.properties' -o -name '*.yml' -o -name '*.xml' \) \
      -newer "$stamp" -print -quit)" ]
}
if needs_build; then
  echo "building (mvn -pl benchmarks -am package, tests not compiled) ..." >&2
  mvn -B -q -pl benchmarks -am -Dmaven.test.skip=true package >&2
  touch "$stamp"
fi
