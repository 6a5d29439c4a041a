# Shared by the scripts: build a module (and what it needs) and print its classpath.
# Usage: classpath=$(classpath_of MODULE [SCOPE])   SCOPE: runtime (default) or test
classpath_of() {
  local module=$1 scope=${2:-runtime}
  local goal=package
  [ "$scope" = test ] && goal=test-compile
  mvn -B -q -Dstyle.color=never -DskipTests -Dspotless.check.skip=true -pl "$module" -am \
    "$goal" dependency:build-classpath \
    -Dmdep.includeScope="$scope" -Dmdep.outputFile=target/floe.classpath >&2 || return 1
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
