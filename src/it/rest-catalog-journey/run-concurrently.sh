#!/usr/bin/env bash
# Two runs of the sample's main workflow at the same time, for two new dates: both write the same table of the REST
# catalog through WAP, so the second to publish finds main moved by the first. Both must succeed.
# Usage: run-concurrently.sh PROJECT_DIR -Dproperty=value...
set -uo pipefail
project="$1"; shift
cd "$project"
for date in 2024-03-06 2024-03-07; do
  mvn -B -ntp -s "$IT_SETTINGS" -Dmaven.repo.local="$IT_LOCAL_REPOSITORY" -Djansi.noreset=true "$@" \
    dataflow:run -Ddataflow.workflow=e2e.lake-titles.main -Ddataflow.param.DATE="$date" > "../run-$date.log" 2>&1 &
  echo $! > "../run-$date.pid"
done
status=0
for date in 2024-03-06 2024-03-07; do
  if ! wait "$(cat "../run-$date.pid")"; then
    echo "run-concurrently.sh: the run of $date failed:" >&2
    tail -n 60 "../run-$date.log" >&2
    status=1
  fi
done
exit $status
