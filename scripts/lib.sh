# Shared by the scripts: run Maven quietly, build a module (and what it needs) and print its
# classpath, and tell whether a build is due.

# Maven in batch mode, quiet and plain: no colours, and no terminal reset codes (Maven's console
# library writes ESC[0m on exit unless jansi.noreset is set before it starts).
floe_mvn() {
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never "$@"
}

# Whether a build is due: STAMP does not exist, or a pom.xml or a file under a src/main directory of
# the repository (the working directory) is newer than it.
# Usage: if build_due STAMP; then ...; fi
build_due() {
  local stamp=$1
  [ -e "$stamp" ] || return 0
  [ -n "$(find . \( -name .git -o -name target \) -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) -newer "$stamp" -print -quit)" ]
}

# Usage: classpath=$(classpath_of MODULE [SCOPE])
#   SCOPE: runtime (default) or test, or runtime+provided: the module's classes and its compile,
#   runtime and provided dependencies (Flink, which a cluster provides to jobs), without test ones.
classpath_of() {
  local module=$1 scope=${2:-runtime}
  local goal=package
  [ "$scope" = test ] && goal=test-compile
  if [ "$scope" = runtime+provided ]; then
    _classpath_with_provided "$module"
    return
  fi
  floe_mvn -DskipTests -Dspotless.check.skip=true -pl "$module" -am \
    "$goal" dependency:build-classpath \
    -DincludeScope="$scope" -Dmdep.outputFile=target/floe.classpath >&2 || return 1
  local own="$module/target/classes"
  [ "$scope" = test ] && own="$own:$module/target/test-classes"
  echo "$own:$(cat "$module/target/floe.classpath")"
}

# The classpath of classpath_of MODULE SCOPE, kept in CACHE and built again only when a build is due
# (build_due) or an entry of the kept classpath is gone; says so on stderr when it builds.
# Usage: classpath=$(cached_classpath MODULE SCOPE CACHE)
cached_classpath() {
  local module=$1 scope=$2 cache=$3 classpath
  if build_due "$cache" || ! _classpath_present "$cache"; then
    echo "Building Floe (the first build downloads dependencies)..." >&2
    mkdir -p "$(dirname "$cache")"
    # Dated at the build's start: a source changed while Maven runs is built next time.
    touch "$cache.start"
    classpath=$(classpath_of "$module" "$scope") || return 1
    echo "$classpath" >"$cache"
    touch -r "$cache.start" "$cache"
    rm -f "$cache.start"
  fi
  cat "$cache"
}

# The jars of Flink itself (runtime, web UI, client, Table/SQL runtime, formats, log4j): what a Flink
# cluster provides to jobs, and what a job's `provided` dependencies are when it runs in a local
# environment. With `sql-client`, also Flink's SQL client and its SQL gateway.
# Usage: classpath=$(flink_classpath [sql-client])
flink_classpath() {
  local out=target/flink.classpath profile=()
  if [ "${1:-}" = sql-client ]; then
    out=target/flink-sql-client.classpath
    profile=(-Psql-client)
  fi
  mkdir -p target
  floe_mvn -f scripts/flink-cluster.pom.xml "${profile[@]}" dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$out" >&2 || return 1
  cat "$out"
}

# Whether every entry of the classpath kept in FILE exists.
_classpath_present() {
  local entry entries
  [ -s "$1" ] || return 1
  IFS=: read -r -a entries <"$1"
  for entry in "${entries[@]}"; do
    [ -e "$entry" ] || return 1
  done
}

# The module's classes and every dependency that is not test-only, from one pass of the dependency
# plugin's list (build-classpath takes one scope: runtime leaves provided out, compile leaves runtime).
_classpath_with_provided() {
  local module=$1
  floe_mvn -DskipTests -Dspotless.check.skip=true -pl "$module" -am \
    package dependency:list -DoutputAbsoluteArtifactFilename=true -DappendOutput=false \
    -DoutputFile=target/floe.dependencies >&2 || return 1
  local deps
  deps=$(sed -n 's/ -- module .*//; s/^ *//; /:\(compile\|runtime\|provided\|system\):\//p' \
    "$module/target/floe.dependencies" | awk -F: '{ print $NF }' | paste -sd: -)
  echo "$module/target/classes:$deps"
}
