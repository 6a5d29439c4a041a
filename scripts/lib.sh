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
