#!/usr/bin/env bash
# Starts Iceberg's REST catalog server on loopback and waits until it listens. Its catalog is a JDBC catalog in a
# SQLite file; table files and metadata go to the warehouse on the S3 server, through Iceberg's S3 file IO. The S3 key
# pair comes from s3-credentials.env (written by setup.groovy, never on a command line or in a log).
# The server ends by itself after 20 minutes (timeout), also when the journey fails before verify.groovy stops it.
# Usage: start-catalog.sh CLASSPATH_FILE SERVER_DIR PORT S3_ENDPOINT WAREHOUSE
set -euo pipefail
classpath_file="$1" server="$2" port="$3" endpoint="$4" warehouse="$5"
mkdir -p "$server"
set -a
# shellcheck disable=SC1091
source "$server/s3-credentials.env"
# RESTCatalogServer reads its catalog's properties from CATALOG_* variables: _ becomes '.', __ becomes '-'.
CATALOG_REST_PORT="$port"
CATALOG_URI="jdbc:sqlite:$server/catalog.db"
CATALOG_WAREHOUSE="$warehouse"
CATALOG_IO__IMPL=org.apache.iceberg.aws.s3.S3FileIO
CATALOG_S3_ENDPOINT="$endpoint"
CATALOG_S3_PATH__STYLE__ACCESS=true
CATALOG_CLIENT_REGION=us-east-1
set +a
setsid timeout 1200 "$JAVA_HOME/bin/java" -Xmx384m -cp "$(cat "$classpath_file")" org.apache.iceberg.rest.RESTCatalogServer \
  > "$server/server.log" 2>&1 < /dev/null &
echo $! > "$server/server.pid"
for _ in $(seq 1 600); do
  if grep -q "Started oejs.Server" "$server/server.log" 2>/dev/null; then
    echo "Iceberg REST catalog at http://127.0.0.1:$port, warehouse $warehouse"
    exit 0
  fi
  sleep 0.2
done
echo "start-catalog.sh: the REST catalog did not start on port $port within 2 minutes:" >&2
cat "$server/server.log" >&2
exit 1
