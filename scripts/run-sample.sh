#!/usr/bin/env bash
# The main job, end to end, from a fresh clone of this repository:
#   1. build and install Dataflow for Maven into the local Maven repository (tests skipped: `mvn verify` runs them);
#   2. generate the Spark SQL sample with `mvn archetype:generate` into a scratch directory and make it a git
#      repository;
#   3. `mvn verify` (the sample's Spark unit tests, workflow validation), then `mvn deploy` into the default
#      registry (~/.dataflow/registry, no configuration);
#   4. run the sample's main workflow locally for one date with `mvn dataflow:run` (its first jobs create the
#      source table and fill it with synthetic playback sessions, then Write-Audit-Publish writes the top titles);
#   5. print the top titles of a few countries by running a small report workflow through the same runner.
# Rerunning it is safe: each run generates the sample afresh into the same git repository
# (~/.dataflow/samples/top-titles-demo, beside the default registry) and commits it on top of the earlier runs, so a
# deploy is UNCHANGED unless the sample changed, and the run replaces the date's partition. The script owns that
# directory: edits made there are replaced by the next run (they stay in its git history).
#
# Usage: bash scripts/run-sample.sh [DATE]          (DATE yyyy-MM-dd, default 2022-01-01)
# Environment: SKIP_INSTALL=1 reuses the installed build; DATAFLOW_MVN_OPTS adds options to every mvn call
# (e.g. "-Dmaven.repo.local=/tmp/m2 -Ddataflow.registry=file:///tmp/registry -Ddataflow.warehouse=/tmp/warehouse");
# SAMPLE_DIR names the sample repository's parent (default ~/.dataflow/samples).
set -euo pipefail

run_date="${1:-2022-01-01}"
if [[ ! "$run_date" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then
  echo "run-sample.sh: DATE must be yyyy-MM-dd, got '$run_date'." >&2
  exit 2
fi

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The parent pom has no <parent>, so its first <version> is the project's.
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$repo_root/pom.xml" | head -n 1)"
archetype_plugin="org.apache.maven.plugins:maven-archetype-plugin:3.4.0"
read -r -a extra_opts <<< "${DATAFLOW_MVN_OPTS:-}"
mvn_cmd=(mvn -B -ntp "${extra_opts[@]}")

step() { printf '\n==> %s\n' "$*"; }

if [[ "${SKIP_INSTALL:-0}" != 1 ]]; then
  step "Installing Dataflow for Maven $version into the local Maven repository"
  # -DskipTests skips unit and invoker tests; the archetype ITs (each a full Spark build) are tests too.
  (cd "$repo_root" && "${mvn_cmd[@]}" -q install -DskipTests -Darchetype.test.skip=true)
fi

# Databases are named after the user (dataflow_sample_<username>) so that samples of different people never collide.
username="$(printf '%s' "${USER:-$(id -un)}" | tr -c 'a-z0-9_\n' '_' | tr -d '\n')"
username="${username:-dataflow}"
artifact_id="top-titles-demo"
workflow_id="$artifact_id"
samples_dir="${SAMPLE_DIR:-$HOME/.dataflow/samples}"
project="$samples_dir/$artifact_id"
mkdir -p "$samples_dir"
work_dir="$(mktemp -d "$samples_dir/.generate-XXXX")"
trap 'rm -rf "$work_dir"' EXIT
generated="$work_dir/$artifact_id"

step "Generating the Spark SQL sample (into $project)"
(cd "$work_dir" && "${mvn_cmd[@]}" -q "$archetype_plugin:generate" \
  -DarchetypeGroupId=io.dataflow -DarchetypeArtifactId=dataflow-archetype-sparksql -DarchetypeVersion="$version" \
  -DgroupId=com.example -DartifactId="$artifact_id" -Dversion=1.0.0-SNAPSHOT -Dpackage=com.example.toptitles \
  -Dusername="$username" -DinteractiveMode=false)

# A second workflow that only reads the result: the runner prints the first rows of a query.
mkdir -p "$generated/report"
cat > "$generated/report/top_titles_report.sql" <<'SQL'
-- The three most watched titles of a few countries on one day.
-- Parameters: TARGET_DB, TARGET_TABLE, DATE (yyyy-MM-dd).
SELECT country_code, title_rank, title_id, ROUND(view_hours, 2) AS view_hours
FROM ${TARGET_DB}.${TARGET_TABLE}
WHERE date = DATE '${DATE}'
  AND country_code IN ('US', 'BR', 'DE', 'JP')
  AND title_rank <= 3
ORDER BY country_code, title_rank, title_id
SQL
cat > "$generated/report.sch.yaml" <<YAML
# Prints the top titles of a few countries for one day (the runner shows a query's first rows).
Workflow:
  id: $workflow_id.report
  name: Top titles of a few countries, one day
  params:
    DATE: "$run_date"
    TARGET_DB: dataflow_sample_$username
    TARGET_TABLE: top_titles
  jobs:
    - job:
        id: top_titles
        type: Spark
        spark:
          script: \$S3{./report/top_titles_report.sql}
          parameters:
            TARGET_DB: \${TARGET_DB}
            TARGET_TABLE: \${TARGET_TABLE}
            DATE: \${DATE}
YAML

# The active versions of this sample in a registry may come from commits this repository cannot place: sample runs
# of older versions of this script generated into throw-away directories, and ~/.dataflow/samples may have been
# deleted while the registry stayed. Deploy refuses what it cannot place, and nothing here can fetch those commits.
# The sample was generated just now, so it is the newest: say so. A real project never needs this.
deploy_opts=(-Ddataflow.allowOutdated=true)
if [[ -d "$project/.git" ]]; then
  step "Committing it on top of the earlier runs in $project"
  # Everything but the history is replaced by the fresh generation (target/ included).
  find "$project" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  cp -R "$generated/." "$project/"
  (
    cd "$project"
    git add -A
    git diff --cached --quiet || git commit -q -m "Dataflow Spark SQL sample, generated again"
  )
else
  step "Making it a git repository (asset ids come from git: owner/repo from origin, branch, commit)"
  mv "$generated" "$project"
  (
    cd "$project"
    git init -q -b main
    git config user.name "Dataflow sample"
    git config user.email "sample@dataflow.invalid"
    # Only parsed for owner and repository; nothing is fetched or pushed.
    git remote add origin "https://github.com/example/$artifact_id.git"
    git add -A
    git commit -q -m "Dataflow Spark SQL sample"
  )
fi

cd "$project"
step "mvn verify: Spark unit tests of the sample, then every workflow rendered and validated"
"${mvn_cmd[@]}" verify

step "mvn deploy: the SQL files and workflows released into the registry, a new version where anything changed (tests passed above)"
"${mvn_cmd[@]}" deploy -DskipTests "${deploy_opts[@]}"

step "mvn dataflow:run: $workflow_id.main for DATE=$run_date (creates and fills the source table, then WAP)"
"${mvn_cmd[@]}" dataflow:run -Ddataflow.workflow="$workflow_id.main" -Ddataflow.param.DATE="$run_date"

step "Top titles of a few countries on $run_date"
report_log="$project/target/report.log"
if ! "${mvn_cmd[@]}" dataflow:run -Ddataflow.workflow="$workflow_id.report" -Ddataflow.param.DATE="$run_date" \
    > "$report_log" 2>&1; then
  cat "$report_log"
  echo "run-sample.sh: the report run failed (output above)." >&2
  exit 1
fi
# The query's rows: the table the runner printed (border lines '+---', rows '|…|').
sed -n 's/^\[INFO\] //p' "$report_log" | grep -E '^(\+-|\|[^|])'

step "Done. The sample project is $project"
echo "  mvn dataflow:history -Ddataflow.workflow=$workflow_id.main    # versions and the assets of each"
echo "  mvn dataflow:runs -Ddataflow.workflow=$workflow_id.main       # the runs, with the bundle each used"
