#!/usr/bin/env bash
# The Spark standalone test cluster of StandaloneClusterTest and src/it/cluster-journey: a Master and one Worker on
# loopback, from the Spark JARs of the build (no Docker, no Spark distribution).
#
#   standalone-cluster.sh start CLASSPATH_FILE RUNNER CLUSTER_DIR MASTER_PORT [LIFETIME_SECONDS]
#   standalone-cluster.sh stop CLUSTER_DIR
#
# start: CLASSPATH_FILE holds a ':'-separated class path with Spark (maven-dependency-plugin:build-classpath, or a
# test's own class path); RUNNER is the runner's JAR or classes directory, for the JVM options Spark needs on JDK 17.
# MASTER_PORT 0 lets the Master pick one. Prints the master URL and writes it to CLUSTER_DIR/master-url once the
# Worker has registered. Needs JAVA_HOME.
# SPARK_HOME/jars is where a Worker finds the class path of the executors it starts: it holds Spark alone, like a
# real installation, so Iceberg and job JARs reach the executors only if dataflow:run ships them.
# Each daemon is the leader of a process group of its own (with the executors it starts); stop kills those groups.
# They also end by themselves after LIFETIME_SECONDS (default 1800), when whatever started them failed before stop.
set -euo pipefail

stop() {
  local cluster="$1" pid_file
  for pid_file in "$cluster/worker.pid" "$cluster/master.pid"; do
    [[ -f "$pid_file" ]] || continue
    kill -KILL -- "-$(cat "$pid_file")" 2>/dev/null || true
    rm -f "$pid_file"
  done
}

start() {
  local classpath_file="$1" runner="$2" cluster="$3" port="$4" lifetime="${5:-1800}"
  mkdir -p "$cluster/spark-home/jars" "$cluster/work"
  local jar
  tr ':' '\n' < "$classpath_file" | while read -r jar; do
    if [[ "$jar" == *.jar && -f "$jar" && "$(basename "$jar")" != iceberg-* ]]; then
      ln -sf "$jar" "$cluster/spark-home/jars/"
    fi
  done
  # Spark on JDK 17 needs the runner's --add-opens list (jvm-options.properties, in its JAR or classes).
  local options_file=io/dataflow/runner/jvm-options.properties
  if [[ -d "$runner" ]]; then
    options_file="$runner/$options_file"
  else
    (cd "$cluster" && "$JAVA_HOME/bin/jar" xf "$runner" "$options_file")
    options_file="$cluster/$options_file"
  fi
  local jvm_options scala_version
  jvm_options="$(sed -n 's/^jvm.options=//p' "$options_file")"
  scala_version="$(ls "$cluster/spark-home/jars" | sed -n 's/^scala-library-\([0-9]*\.[0-9]*\)\..*/\1/p' | head -n 1)"
  export SPARK_HOME="$cluster/spark-home" SPARK_SCALA_VERSION="$scala_version" SPARK_LOCAL_IP=127.0.0.1

  daemon() {
    local name="$1"; shift
    # setsid: the daemon's process group, which stop kills whole; its id is the pid written here.
    # shellcheck disable=SC2086
    setsid bash -c 'echo $$ > "$0"; exec "$@"' "$cluster/$name.pid" \
      timeout "$lifetime" "$JAVA_HOME/bin/java" -Xmx256m $jvm_options -cp "$SPARK_HOME/jars/*" "$@" \
      > "$cluster/$name.log" 2>&1 < /dev/null &
  }
  await() {
    local _ problem="within 2 minutes"
    for _ in $(seq 1 600); do
      grep -o "$2" "$cluster/$1.log" 2>/dev/null | head -n 1 | grep . && return 0
      if [[ -f "$cluster/$1.pid" ]] && ! kill -0 "$(cat "$cluster/$1.pid")" 2>/dev/null; then
        problem="(the $1 ended first)"
        break
      fi
      sleep 0.2
    done
    echo "standalone-cluster.sh: no '$2' in $1.log $problem:" >&2
    cat "$cluster/$1.log" >&2
    stop "$cluster"
    return 1
  }
  daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0
  local master_url
  master_url="$(await master 'Starting Spark master at spark://127\.0\.0\.1:[0-9]*' | sed 's/.* at //')"
  daemon worker org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g --webui-port 0 \
    --work-dir "$cluster/work" "$master_url"
  await worker 'Successfully registered with master' > /dev/null
  echo "$master_url" > "$cluster/master-url"
  echo "Spark standalone cluster at $master_url"
}

command="${1:-}"
case "$command" in
  start) [[ $# -ge 5 ]] || { echo "usage: $0 start CLASSPATH_FILE RUNNER CLUSTER_DIR MASTER_PORT [LIFETIME_SECONDS]" >&2; exit 2; }
         shift; start "$@" ;;
  stop) [[ $# -eq 2 ]] || { echo "usage: $0 stop CLUSTER_DIR" >&2; exit 2; }
        stop "$2" ;;
  *) echo "usage: $0 start|stop …" >&2; exit 2 ;;
esac
