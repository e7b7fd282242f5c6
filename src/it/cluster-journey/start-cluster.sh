#!/usr/bin/env bash
# Starts a Spark standalone Master and one Worker on loopback and waits until the Worker has registered.
# SPARK_HOME/jars is where a Worker finds the class path of the executors it starts: it holds Spark alone, like a
# real installation, so Iceberg and job JARs reach the executors only if dataflow:run ships them.
# Both daemons end by themselves after 20 minutes (timeout), also when the journey fails before verify.groovy stops
# them.
# Usage: start-cluster.sh CLASSPATH_FILE RUNNER_JAR CLUSTER_DIR MASTER_PORT
set -euo pipefail
classpath_file="$1" runner_jar="$2" cluster="$3" port="$4"
mkdir -p "$cluster/spark-home/jars" "$cluster/work"
tr ':' '\n' < "$classpath_file" | while read -r jar; do
  [[ "$jar" == *.jar && "$(basename "$jar")" != iceberg-* ]] && ln -sf "$jar" "$cluster/spark-home/jars/"
done
# Spark on JDK 17 needs the runner's --add-opens list (jvm-options.properties in the runner JAR).
(cd "$cluster" && "$JAVA_HOME/bin/jar" xf "$runner_jar" io/dataflow/runner/jvm-options.properties)
jvm_options="$(sed -n 's/^jvm.options=//p' "$cluster/io/dataflow/runner/jvm-options.properties")"
scala_version="$(ls "$cluster/spark-home/jars" | sed -n 's/^scala-library-\([0-9]*\.[0-9]*\)\..*/\1/p' | head -n 1)"
export SPARK_HOME="$cluster/spark-home" SPARK_SCALA_VERSION="$scala_version" SPARK_LOCAL_IP=127.0.0.1
daemon() {
  local name="$1"; shift
  # shellcheck disable=SC2086
  setsid timeout 1200 "$JAVA_HOME/bin/java" -Xmx256m $jvm_options -cp "$SPARK_HOME/jars/*" "$@" \
    > "$cluster/$name.log" 2>&1 < /dev/null &
  echo $! > "$cluster/$name.pid"
}
await() {
  for _ in $(seq 1 600); do
    grep -q "$2" "$cluster/$1.log" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "start-cluster.sh: no '$2' in $1.log within 2 minutes:" >&2
  cat "$cluster/$1.log" >&2
  return 1
}
daemon master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0
await master "Starting Spark master at spark://127.0.0.1:$port"
daemon worker org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g --webui-port 0 \
  --work-dir "$cluster/work" "spark://127.0.0.1:$port"
await worker "Successfully registered with master"
echo "Spark standalone cluster at spark://127.0.0.1:$port"
