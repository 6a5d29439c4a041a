#!/usr/bin/env bash
# A local Floe stack on loopback: etcd, an S3-compatible store (S3Proxy) with buckets floe-raw,
# floe-staging and floe-curated, and a standalone Flink session cluster (JobManager with the web UI,
# one TaskManager, or more by setting) run from Maven's Flink jars. MinIO/S3 and etcd given in FLOE_S3_ENDPOINT and
# FLOE_ETCD_ENDPOINTS are used instead of starting S3Proxy and etcd.
#
# Usage: scripts/local-stack.sh up | down | status | submit CLASS [ARGS...] | sql [-f FILE] [ARGS...] | env
#   up       starts what is not given, writes the endpoints to $FLOE_STACK_DIR/endpoints.env
#   down     stops only what `up` started (its pid files) and removes endpoints.env; data stays
#            in $FLOE_STACK_DIR
#   status   reports each service
#   submit   runs an example job (class in the job jar) on the cluster, detached; the job reads the
#            endpoints from the environment (endpoints.env is exported for it)
#   sql      opens Flink's SQL client (from Maven, like the cluster) on the cluster, with the Floe SQL
#            connector jar as its only added jar; -f FILE runs a script instead and exits non-zero
#            when a statement fails. ${NAME} in a script (-f) or init file (-i) is replaced with
#            the stack's endpoints (${FLOE_S3_ENDPOINT}, ...) or else the environment; other
#            arguments go to the client
#   env      prints the endpoints file (for `set -a; source <(scripts/local-stack.sh env)`)
#
# Settings (environment, with defaults):
#   FLOE_STACK_DIR=target/floe-local-stack   state, logs and data
#   FLOE_STACK_ETCD_PORT=2379  FLOE_STACK_ETCD_PEER_PORT=2380  FLOE_STACK_S3_PORT=9000
#   FLOE_STACK_ETCD_MEMBERS=1 (etcd cluster size; member i listens on the two ports + 100 * i)
#   FLOE_STACK_TASKMANAGERS=1 (TaskManagers, each with FLOE_STACK_SLOTS slots)
#   FLOE_STACK_FLINK_PORT=8081 (web UI and REST)  FLOE_STACK_FLINK_RPC_PORT=6123
#   FLOE_STACK_SLOTS=4  FLOE_STACK_TM_MEMORY=2560m  FLOE_STACK_JM_MEMORY=1024m
#   FLOE_STACK_FLINK_CONFIG (more lines of Flink's config.yaml, keys not set here, such as a restart strategy)
#   FLOE_ETCD_BIN=etcd (binary to run)  FLOE_STACK_FLINK_CLASSPATH (Flink jars; default: from Maven)
#   FLOE_JOBS_JAR (default: examples/target/floe-examples-*-jobs.jar, built when missing)
#   FLOE_SQL_JAR (default: sql-connector-jar/target/flink-sql-connector-floe-*.jar, built when missing)
#   FLOE_S3_ENDPOINT FLOE_S3_BUCKET FLOE_S3_PARQUET_BUCKET FLOE_S3_CURATED_BUCKET FLOE_S3_ACCESS_KEY
#   FLOE_S3_SECRET_KEY FLOE_ETCD_ENDPOINTS   external services to use instead of starting them
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
source scripts/lib.sh

state=${FLOE_STACK_DIR:-target/floe-local-stack}
mkdir -p "$state"
state=$(cd "$state" && pwd)
endpoints_file=$state/endpoints.env
etcd_port=${FLOE_STACK_ETCD_PORT:-2379}
etcd_peer_port=${FLOE_STACK_ETCD_PEER_PORT:-2380}
s3_port=${FLOE_STACK_S3_PORT:-9000}
flink_port=${FLOE_STACK_FLINK_PORT:-8081}
flink_rpc_port=${FLOE_STACK_FLINK_RPC_PORT:-6123}
slots=${FLOE_STACK_SLOTS:-4}
etcd_members=${FLOE_STACK_ETCD_MEMBERS:-1}
taskmanagers=${FLOE_STACK_TASKMANAGERS:-1}
[[ $etcd_members =~ ^[1-9]$ ]] || { echo "local-stack: FLOE_STACK_ETCD_MEMBERS must be 1 to 9, got '$etcd_members'" >&2; exit 2; }
[[ $taskmanagers =~ ^[1-9]$ ]] || { echo "local-stack: FLOE_STACK_TASKMANAGERS must be 1 to 9, got '$taskmanagers'" >&2; exit 2; }
tm_memory=${FLOE_STACK_TM_MEMORY:-2560m}
jm_memory=${FLOE_STACK_JM_MEMORY:-1024m}
s3proxy_access=floe-local-access
s3proxy_secret=floe-local-secret
flink_conf=$state/flink/conf
java_opens="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

log() { echo "local-stack: $*" >&2; }
die() { log "$*"; exit 1; }

running() { # NAME: whether the process of pid file NAME.pid is alive
  local f=$state/$1.pid
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

start_process() { # NAME LOG COMMAND...: starts COMMAND in the background, records its pid
  local name=$1 logfile=$2
  shift 2
  nohup "$@" >"$logfile" 2>&1 </dev/null &
  echo $! >"$state/$name.pid"
}

wait_for() { # WHAT SECONDS COMMAND...: retries COMMAND until it succeeds
  local what=$1 seconds=$2 deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.3
  done
}

flink_classpath_cached() {
  if [ -n "${FLOE_STACK_FLINK_CLASSPATH:-}" ]; then
    echo "$FLOE_STACK_FLINK_CLASSPATH"
  else
    flink_classpath
  fi
}

# Member i of the etcd cluster: its name (also its pid file's and directory's) and its ports.
etcd_name() { if [ "$1" -eq 0 ]; then echo etcd; else echo "etcd-$1"; fi; }
etcd_client_url() { echo "http://127.0.0.1:$((etcd_port + 100 * $1))"; }
etcd_peer_url() { echo "http://127.0.0.1:$((etcd_peer_port + 100 * $1))"; }

# The client URLs of every member, comma-separated, as clients are given them.
stack_etcd_endpoints() {
  local i urls=()
  for ((i = 0; i < etcd_members; i++)); do urls+=("$(etcd_client_url "$i")"); done
  (IFS=,; echo "${urls[*]}")
}

start_etcd() {
  if [ -n "${FLOE_ETCD_ENDPOINTS:-}" ]; then
    log "etcd: using $FLOE_ETCD_ENDPOINTS"
    return
  fi
  local bin=${FLOE_ETCD_BIN:-etcd} i name cluster=() members_file=$state/etcd/members
  command -v "$bin" >/dev/null 2>&1 ||
    die "etcd not found: install it (Debian: sudo apt-get install -y etcd-server), set FLOE_ETCD_BIN to an etcd binary, or set FLOE_ETCD_ENDPOINTS to a running etcd"
  mkdir -p "$state/etcd"
  # A member's data holds its cluster's membership, so the size cannot change under it.
  if [ -d "$state/etcd/data" ] && [ "$(cat "$members_file" 2>/dev/null || echo 1)" != "$etcd_members" ]; then
    die "the etcd data in $state was made by a cluster of $(cat "$members_file" 2>/dev/null || echo 1) member(s): set FLOE_STACK_ETCD_MEMBERS to that, or run down and delete $state/etcd*"
  fi
  echo "$etcd_members" >"$members_file"
  for ((i = 0; i < etcd_members; i++)); do cluster+=("m$i=$(etcd_peer_url "$i")"); done
  for ((i = 0; i < etcd_members; i++)); do
    name=$(etcd_name "$i")
    if ! running "$name"; then
      mkdir -p "$state/$name"
      start_process "$name" "$state/$name/etcd.log" "$bin" --name "m$i" --data-dir "$state/$name/data" \
        --listen-client-urls "$(etcd_client_url "$i")" --advertise-client-urls "$(etcd_client_url "$i")" \
        --listen-peer-urls "$(etcd_peer_url "$i")" --initial-advertise-peer-urls "$(etcd_peer_url "$i")" \
        --initial-cluster "$(IFS=,; echo "${cluster[*]}")"
    fi
  done
  # A member is healthy once its cluster has a leader, so all members start before any is awaited.
  for ((i = 0; i < etcd_members; i++)); do
    name=$(etcd_name "$i")
    wait_for etcd 30 curl -sf -m 2 "$(etcd_client_url "$i")/health" ||
      die "etcd member $i did not answer on $(etcd_client_url "$i") within 30 s; see $state/$name/etcd.log"
    log "etcd: $(etcd_client_url "$i") (pid $(cat "$state/$name.pid"))"
  done
}

s3proxy_jar() {
  local jar
  for jar in examples/target/test-services/s3proxy.jar "$state/s3proxy.jar"; do
    [ -f "$jar" ] && { echo "$jar"; return; }
  done
  local version
  version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' pom.xml)
  log "fetching S3Proxy $version with Maven"
  floe_mvn dependency:copy -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" \
    -DoutputDirectory="$state/download" >&2 || die "could not fetch S3Proxy with Maven"
  mv "$state/download/s3proxy-$version-jar-with-dependencies.jar" "$state/s3proxy.jar"
  echo "$state/s3proxy.jar"
}

s3_answers() { curl -s -o /dev/null "http://127.0.0.1:$s3_port/"; }

create_bucket() { # BUCKET: creates it at the S3 endpoint; an existing bucket of ours is fine
  local code
  code=$(curl -s -o /dev/null -w "%{http_code}" -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" \
    -H "x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" \
    --user "$S3_ACCESS:$S3_SECRET" "$S3_ENDPOINT/$1")
  case "$code" in
    200 | 409) ;;
    *) die "creating bucket $1 at $S3_ENDPOINT failed with HTTP $code" ;;
  esac
}

start_s3() {
  if [ -n "${FLOE_S3_ENDPOINT:-}" ]; then
    S3_ENDPOINT=$FLOE_S3_ENDPOINT
    S3_ACCESS=${FLOE_S3_ACCESS_KEY:-}
    S3_SECRET=${FLOE_S3_SECRET_KEY:-}
    log "S3: using $S3_ENDPOINT (buckets are expected to exist)"
    return
  fi
  S3_ENDPOINT=http://127.0.0.1:$s3_port
  S3_ACCESS=$s3proxy_access
  S3_SECRET=$s3proxy_secret
  if ! running s3proxy; then
    local jar
    jar=$(s3proxy_jar)
    mkdir -p "$state/s3proxy/data"
    cat >"$state/s3proxy/s3proxy.properties" <<PROPS
s3proxy.endpoint=$S3_ENDPOINT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS
s3proxy.credential=$S3_SECRET
jclouds.provider=filesystem
jclouds.filesystem.basedir=$state/s3proxy/data
PROPS
    start_process s3proxy "$state/s3proxy/s3proxy.log" java -Xmx256m -XX:+UseSerialGC \
      -jar "$jar" --properties "$state/s3proxy/s3proxy.properties"
  elif [ "$(ps -o state= -p "$(cat "$state/s3proxy.pid")" | tr -d ' ')" = T ]; then
    # Stopped (SIGSTOP, as the soak test freezes it): left as it is, the rest comes up.
    log "S3: $S3_ENDPOINT is stopped (pid $(cat "$state/s3proxy.pid")); left as it is"
    return
  fi
  wait_for s3 60 s3_answers || die "S3Proxy did not answer on $S3_ENDPOINT within 60 s; see $state/s3proxy/s3proxy.log"
  for bucket in floe-raw floe-staging floe-curated; do create_bucket "$bucket"; done
  log "S3: $S3_ENDPOINT, buckets floe-raw, floe-staging, floe-curated (pid $(cat "$state/s3proxy.pid"))"
}

write_flink_conf() {
  mkdir -p "$flink_conf" "$state/flink/log" "$state/flink/tmp" "$state/flink/checkpoints"
  cat >"$flink_conf/config.yaml" <<YAML
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $flink_rpc_port
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: $jm_memory
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.memory.process.size: $tm_memory
# Each SQL client job loads the SQL connector jar in a class loader of its own.
taskmanager.memory.jvm-metaspace.size: 512m
# Floe's writers keep their WAL buffers and uploads in direct memory (docs/sink.md); managed
# memory serves only SQL batch operators here.
taskmanager.memory.task.off-heap.size: 512m
taskmanager.memory.managed.fraction: 0.1
taskmanager.numberOfTaskSlots: $slots
parallelism.default: 1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $flink_port
cluster.registration.error-delay: 1000
io.tmp.dirs: $state/flink/tmp
execution.checkpointing.dir: file://$state/flink/checkpoints
web.log.path: $state/flink/log/jobmanager.log
env.java.opts.all: $java_opens
YAML
  # More settings, one "key: value" a line, of keys not set above.
  [ -z "${FLOE_STACK_FLINK_CONFIG:-}" ] || printf '%s\n' "$FLOE_STACK_FLINK_CONFIG" >>"$flink_conf/config.yaml"
  cat >"$flink_conf/log4j.properties" <<'LOG'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.pekko.name = org.apache.pekko
logger.pekko.level = WARN
LOG
  cat >"$flink_conf/log4j-cli.properties" <<'LOG'
rootLogger.level = WARN
rootLogger.appenderRef.console.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5level %c{1} - %msg%n
# It looks for YARN and Kubernetes command lines, which a standalone cluster does not need.
logger.cli.name = org.apache.flink.client.cli.CliFrontend
logger.cli.level = ERROR
LOG
  mkdir -p "$state/flink/plugins"
}

resource_params() { # COMMAND CLASSPATH: the JVM flags and -D options Flink computes from config.yaml
  local out params
  out=$(java -cp "$2" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$flink_conf" 2>&1 || true)
  params=$(sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' <<<"$out")
  [ -n "$params" ] ||
    die "Flink cannot size its processes from $flink_conf/config.yaml (FLOE_STACK_TM_MEMORY=$tm_memory, FLOE_STACK_JM_MEMORY=$jm_memory): $(grep -m1 -iE 'exception|error' <<<"$out" || tail -n1 <<<"$out")"
  echo "$params"
}

flink_overview() { curl -sf "http://127.0.0.1:$flink_port/overview"; }

# Whether every TaskManager has registered its slots.
flink_has_slots() {
  local total
  total=$(flink_overview | grep -o '"slots-total":[0-9]*' | cut -d: -f2)
  [ "${total:-0}" -ge $((slots * taskmanagers)) ]
}

tm_name() { if [ "$1" -eq 0 ]; then echo taskmanager; else echo "taskmanager-$1"; fi; }

all_taskmanagers_running() {
  local i
  for ((i = 0; i < taskmanagers; i++)); do running "$(tm_name "$i")" || return 1; done
}

start_flink() {
  if running jobmanager && all_taskmanagers_running; then
    log "Flink: already running"
  else
    local cp params jvm dynamic i name
    cp=$(flink_classpath_cached)
    write_flink_conf
    if ! running jobmanager; then
      params=$(resource_params GET_JM_RESOURCE_PARAMS "$cp")
      jvm=$(sed -n 1p <<<"$params")
      dynamic=$(sed -n 2p <<<"$params")
      # shellcheck disable=SC2086 # flags are words
      FLINK_PLUGINS_DIR=$state/flink/plugins start_process jobmanager "$state/flink/log/jobmanager.out" java $jvm $java_opens \
        -Dlog.file="$state/flink/log/jobmanager.log" -Dlog4j.configurationFile="file:$flink_conf/log4j.properties" \
        -cp "$cp" org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
        --configDir "$flink_conf" $dynamic
    fi
    params=$(resource_params GET_TM_RESOURCE_PARAMS "$cp")
    jvm=$(sed -n 1p <<<"$params")
    dynamic=$(sed -n 2p <<<"$params")
    for ((i = 0; i < taskmanagers; i++)); do
      name=$(tm_name "$i")
      if ! running "$name"; then
        # shellcheck disable=SC2086
        FLINK_PLUGINS_DIR=$state/flink/plugins start_process "$name" "$state/flink/log/$name.out" java $jvm $java_opens \
          -Dlog.file="$state/flink/log/$name.log" -Dlog4j.configurationFile="file:$flink_conf/log4j.properties" \
          -cp "$cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
          --configDir "$flink_conf" $dynamic
      fi
    done
  fi
  wait_for flink 120 flink_has_slots ||
    die "Flink did not come up with $taskmanagers TaskManager(s) on 127.0.0.1:$flink_port within 120 s; see $state/flink/log/"
  log "Flink: web UI http://127.0.0.1:$flink_port (JobManager pid $(cat "$state/jobmanager.pid"), TaskManager pid(s) $(for ((i = 0; i < taskmanagers; i++)); do cat "$state/$(tm_name "$i").pid"; done | paste -sd' '))"
}

write_endpoints() {
  local etcd=${FLOE_ETCD_ENDPOINTS:-$(stack_etcd_endpoints)}
  cat >"$endpoints_file.tmp" <<ENV
FLOE_S3_ENDPOINT=$S3_ENDPOINT
FLOE_S3_BUCKET=${FLOE_S3_BUCKET:-floe-raw}
FLOE_S3_PARQUET_BUCKET=${FLOE_S3_PARQUET_BUCKET:-floe-staging}
FLOE_S3_CURATED_BUCKET=${FLOE_S3_CURATED_BUCKET:-floe-curated}
FLOE_S3_ACCESS_KEY=$S3_ACCESS
FLOE_S3_SECRET_KEY=$S3_SECRET
FLOE_ETCD_ENDPOINTS=$etcd
FLOE_FLINK_REST=http://127.0.0.1:$flink_port
FLOE_WAL_DIR=$state/wal
ENV
  mv "$endpoints_file.tmp" "$endpoints_file"
}

stop_process() { # NAME: stops the process of pid file NAME.pid, if `up` started it
  local f=$state/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$f"
}

report() { # NAME URL CHECK...: one status line
  local name=$1 url=$2 pid="not started by up"
  shift 2
  [ -f "$state/$name.pid" ] && pid="pid $(cat "$state/$name.pid")"
  if "$@" >/dev/null 2>&1; then
    printf '%-12s up    %s (%s)\n' "$name" "$url" "$pid"
  else
    printf '%-12s DOWN  %s (%s)\n' "$name" "$url" "$pid"
  fi
}

jobs_jar() {
  if [ -n "${FLOE_JOBS_JAR:-}" ]; then echo "$FLOE_JOBS_JAR"; return; fi
  local jar
  jar=$(ls examples/target/floe-examples-*-jobs.jar 2>/dev/null | head -1 || true)
  if [ -z "$jar" ]; then
    log "building the job jar"
    floe_mvn -DskipTests -Dspotless.check.skip=true -pl examples -am package >&2
    jar=$(ls examples/target/floe-examples-*-jobs.jar | head -1)
  fi
  echo "$root/$jar"
}

sql_jar() {
  if [ -n "${FLOE_SQL_JAR:-}" ]; then echo "$FLOE_SQL_JAR"; return; fi
  local jar
  jar=$(ls sql-connector-jar/target/flink-sql-connector-floe-*.jar 2>/dev/null | head -1 || true)
  if [ -z "$jar" ]; then
    log "building the SQL connector jar"
    floe_mvn -DskipTests -Dspotless.check.skip=true -pl sql-connector-jar -am package >&2
    jar=$(ls sql-connector-jar/target/flink-sql-connector-floe-*.jar | head -1)
  fi
  echo "$root/$jar"
}

sql_script() { # FILE: prints the path of a copy with each ${NAME} replaced by the variable's value
  local file=$1 content name out
  [ -f "$file" ] || die "no SQL file $file"
  content=$(<"$file")
  for name in $(grep -o '\${[A-Za-z_][A-Za-z0-9_]*}' "$file" | tr -d '${}' | sort -u); do
    [ -n "${!name+set}" ] || die "$file: \${$name} is neither in $endpoints_file nor in the environment"
    content=${content//"\${$name}"/"${!name}"}
  done
  mkdir -p "$state/sql"
  out=$state/sql/$(basename "$file")
  printf '%s\n' "$content" >"$out"
  echo "$out"
}

write_sql_client_log_conf() {
  mkdir -p "$flink_conf" "$state/flink/log"
  cat >"$flink_conf/log4j-sql-client.properties" <<'LOG'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:log.file}
appender.file.append = false
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.pekko.name = org.apache.pekko
logger.pekko.level = WARN
LOG
}

case "${1:-}" in
  up)
    started=$SECONDS
    start_etcd
    start_s3
    start_flink
    write_endpoints
    log "up in $((SECONDS - started)) s; endpoints in $endpoints_file"
    ;;
  down)
    # Whatever `up` started, whatever the settings now: every pid file of each service.
    for f in "$state"/taskmanager*.pid "$state"/jobmanager.pid "$state"/s3proxy.pid "$state"/etcd*.pid; do
      [ -f "$f" ] && stop_process "$(basename "$f" .pid)"
    done
    # The endpoints are gone with the services; tools would otherwise still read them.
    rm -f "$endpoints_file"
    ;;
  status)
    [ -f "$endpoints_file" ] && set -a && source "$endpoints_file" && set +a
    i=0
    IFS=, read -ra etcd_urls <<<"${FLOE_ETCD_ENDPOINTS:-$(stack_etcd_endpoints)}"
    for url in "${etcd_urls[@]}"; do
      report "$(etcd_name "$i")" "$url" curl -sf -m 2 "$url/health"
      i=$((i + 1))
    done
    report s3proxy "${FLOE_S3_ENDPOINT:-http://127.0.0.1:$s3_port}" curl -s -o /dev/null "${FLOE_S3_ENDPOINT:-http://127.0.0.1:$s3_port}/"
    report jobmanager "http://127.0.0.1:$flink_port" flink_overview
    for f in "$state"/taskmanager*.pid; do
      [ -f "$f" ] && report "$(basename "$f" .pid)" "http://127.0.0.1:$flink_port" running "$(basename "$f" .pid)"
    done
    report slots "http://127.0.0.1:$flink_port" flink_has_slots
    ;;
  submit)
    shift
    [ $# -ge 1 ] || die "usage: scripts/local-stack.sh submit CLASS [ARGS...]"
    [ -f "$endpoints_file" ] || die "no $endpoints_file: run scripts/local-stack.sh up first"
    class=$1
    shift
    case "$class" in *.*) ;; *) class=dev.floe.examples.jobs.$class ;; esac
    jar=$(jobs_jar)
    cp=$(flink_classpath_cached)
    set -a
    source "$endpoints_file"
    set +a
    # shellcheck disable=SC2086
    FLINK_CONF_DIR=$flink_conf FLINK_PLUGINS_DIR=$state/flink/plugins exec java $java_opens -Dlog4j.configurationFile="file:$flink_conf/log4j-cli.properties" \
      -cp "$cp" org.apache.flink.client.cli.CliFrontend run -d -m "127.0.0.1:$flink_port" -c "$class" "$jar" "$@"
    ;;
  sql)
    shift
    [ -f "$endpoints_file" ] || die "no $endpoints_file: run scripts/local-stack.sh up first"
    set -a
    source "$endpoints_file"
    set +a
    args=()
    script=
    while [ $# -gt 0 ]; do
      case "$1" in
        -f | --file | -i | --init)
          [ $# -ge 2 ] || die "$1 needs a file"
          copy=$(sql_script "$2")
          case "$1" in -f | --file) script=$2 ;; esac
          args+=("$1" "$copy")
          shift 2
          ;;
        *)
          args+=("$1")
          shift
          ;;
      esac
    done
    jar=$(sql_jar)
    cp=$(flink_classpath sql-client) || die "could not resolve Flink's SQL client with Maven"
    write_sql_client_log_conf
    client_log=$state/flink/log/sql-client.log
    plain=()
    if [ -n "$script" ] || [ ! -t 1 ]; then
      plain=(-Dorg.jline.terminal.dumb=true) # no terminal to draw on: say so, rather than be warned
    fi
    client=(java $java_opens "${plain[@]}" -Dlog.file="$client_log"
      -Dlog4j.configurationFile="file:$flink_conf/log4j-sql-client.properties"
      -cp "$cp" org.apache.flink.table.client.SqlClient embedded
      --jar "$jar" --history "$state/sql/history")
    if [ -z "$script" ]; then
      FLINK_CONF_DIR=$flink_conf exec "${client[@]}" "${args[@]}"
    fi
    # The client exits 0 even when a statement of -f fails; its error line tells.
    output=$state/sql/$(basename "$script").out
    set +e
    FLINK_CONF_DIR=$flink_conf "${client[@]}" -Dsql-client.execution.result-mode=tableau \
      "${args[@]}" | tee "$output"
    status=${PIPESTATUS[0]}
    set -e
    [ "$status" -eq 0 ] || die "the SQL client failed with exit code $status; see $client_log"
    if grep -q '\[ERROR\] Could not execute SQL statement\.' "$output"; then
      die "$script: a statement failed (above; stack traces in $client_log)"
    fi
    ;;
  env)
    cat "$endpoints_file"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
