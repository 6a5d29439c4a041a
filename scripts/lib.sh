# Shared by the scripts: build a module (and what it needs) and print its classpath.
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
  mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true -pl "$module" -am \
    "$goal" dependency:build-classpath \
    -DincludeScope="$scope" -Dmdep.outputFile=target/floe.classpath >&2 || return 1
  local own="$module/target/classes"
  [ "$scope" = test ] && own="$own:$module/target/test-classes"
  echo "$own:$(cat "$module/target/floe.classpath")"
}

# The jars of Flink itself (runtime, web UI, client, log4j): what a Flink cluster provides to jobs,
# and what a job's `provided` dependencies are when it runs in a local environment.
# Usage: classpath=$(flink_classpath)
flink_classpath() {
  local out=target/flink.classpath
  mkdir -p target
  mvn -B -q -Dstyle.color=never -f scripts/flink-cluster.pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$out" >&2 || return 1
  cat "$out"
}

# The module's classes and every dependency that is not test-only, from one pass of the dependency
# plugin's list (build-classpath takes one scope: runtime leaves provided out, compile leaves runtime).
_classpath_with_provided() {
  local module=$1
  mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true -pl "$module" -am \
    package dependency:list -DoutputAbsoluteArtifactFilename=true -DappendOutput=false \
    -DoutputFile=target/floe.dependencies >&2 || return 1
  local deps
  deps=$(sed -n 's/ -- module .*//; s/^ *//; /:\(compile\|runtime\|provided\|system\):\//p' \
    "$module/target/floe.dependencies" | awk -F: '{ print $NF }' | paste -sd: -)
  echo "$module/target/classes:$deps"
}
