package io.dataflow.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunJson;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLayout;
import io.dataflow.core.bundle.Sha256;
import io.dataflow.core.fixtures.ArchetypeSample;
import io.dataflow.core.fixtures.RecordingLog;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.project.DeployReport;
import io.dataflow.core.registry.ForwardingStore;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.release.ActivationLog;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.workflow.PendingAsset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning on real deployed bundles: a real git repository, a real deploy into a local registry, then
 * {@link WorkflowRuns#prepare} (everything but forking Spark).
 */
class RunPlannerTest {

    static final String MAIN = "stranger-data.top-titles-sql.main";
    static final String DAILY = "stranger-data.top-titles-sql.daily";
    static final String BACKFILL = "stranger-data.top-titles-sql.backfill";

    @TempDir
    Path temp;

    private RunFixture fixture;
    private LocalObjectStore store;
    private Path runsDirectory;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void deploySample() throws Exception {
        fixture = RunFixture.create(temp.resolve("stranger-data")).withSample("sparksql");
        store = new LocalObjectStore(temp.resolve("registry"));
        runsDirectory = temp.resolve("runs");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private PreparedRun prepare(RunRequest request) {
        return new WorkflowRuns(store, log).prepare(request.withRunsDirectory(runsDirectory));
    }

    @Test
    void archetypeMainRunsInDagOrderFromItsBundleCopies() throws Exception {
        fixture.commitAndDeploy(store);

        PreparedRun run = prepare(RunRequest.of(MAIN));
        RunPlan plan = run.plan();

        assertThat(plan.tasks()).extracting(PlanTask::id)
                .containsExactly("source_ddl", "sample_data", "target_ddl", "metadata", "wap", "hwm");
        assertThat(plan.task("source_ddl").dependsOn()).isEmpty();
        assertThat(plan.task("sample_data").dependsOn()).containsExactly("source_ddl");
        assertThat(plan.task("target_ddl").dependsOn()).isEmpty();
        assertThat(plan.task("metadata").dependsOn()).containsExactly("target_ddl");
        assertThat(plan.task("wap").dependsOn()).containsExactly("metadata", "sample_data");
        assertThat(plan.task("hwm").dependsOn()).containsExactly("wap");

        String bundle = MAIN + "/1/";
        assertThat((PlanTask.Sql) plan.task("sample_data")).isEqualTo(new PlanTask.Sql("sample_data",
                List.of("source_ddl"), bundle + "files/flows/ddl/sample_source_data.sql",
                Map.of("SOURCE_DB", "dataflow_sample_jdoe", "SOURCE_TABLE", "playback_sessions", "DATE", "2024-01-01"), Map.of()));
        PlanTask.Wap wap = (PlanTask.Wap) plan.task("wap");
        assertThat(wap.tables()).containsExactly("dataflow_sample_jdoe.top_titles");
        assertThat(wap.writes()).extracting(PlanTask::id).containsExactly("write");
        assertThat(((PlanTask.Sql) wap.writes().get(0)).file()).isEqualTo(bundle + "files/flows/src/main/sql/top_titles_write.sql");
        assertThat(wap.audits()).extracting(PlanTask.Audit::function, PlanTask.Audit::blocking).containsExactly(
                org.assertj.core.groups.Tuple.tuple("columns_should_not_have_nulls", true),
                org.assertj.core.groups.Tuple.tuple("columns_should_be_unique", true),
                org.assertj.core.groups.Tuple.tuple("row_count_should_be_between", false));
        assertThat(wap.audits().get(0).params()).containsEntry("table", "dataflow_sample_jdoe.top_titles")
                .containsEntry("where", "date = DATE '2024-01-01'")
                .containsEntry("columns", List.of("title_id", "country_code", "title_rank", "view_hours"));
        assertThat(wap.audits().get(2).params()).containsEntry("min", "1000").containsEntry("max", "25000");
        PlanTask.Metadata metadata = (PlanTask.Metadata) plan.task("metadata");
        assertThat(metadata.tables()).containsExactly("dataflow_sample_jdoe.top_titles");
        assertThat(metadata.owner()).isEqualTo("jdoe");
        assertThat(metadata.tags()).containsExactly("dataflow", "sample", "sparksql");
        assertThat(metadata.lifetime()).isEqualTo(365);
        assertThat(metadata.columnTypes()).containsExactly(Map.entry("date", "pk"), Map.entry("country_code", "pk"),
                Map.entry("title_rank", "pk"));
        assertThat(plan.task("hwm")).isEqualTo(new PlanTask.Hwm("hwm", List.of("wap"), "dataflow_sample_jdoe.top_titles",
                "2024-01-01", "UTC"));
        assertThat(plan.namespaces()).containsExactly("dataflow_sample_jdoe");
        assertThat(plan.master()).isEqualTo("local[2]");
        assertThat(plan.bundleDigest()).isEqualTo("sha256:"
                + Sha256.of(store.read("workflows/" + MAIN + "/versions/1/manifest.json").orElseThrow()));
        assertThat(run.parameters()).containsEntry("DATE", "2024-01-01").containsEntry("TARGET_TABLE", "top_titles");
    }

    @Test
    void everyPathOfThePlanIsABundleCopyInsideTheRunDirectory() throws Exception {
        fixture.commitAndDeploy(store);

        PreparedRun run = prepare(RunRequest.of(MAIN));

        Path baseDir = run.planFile().getParent().resolve(run.plan().baseDir());
        List<String> files = run.plan().allTasks().stream().filter(PlanTask.Sql.class::isInstance)
                .map(task -> ((PlanTask.Sql) task).file()).toList();
        assertThat(files).hasSize(4);
        for (String file : files) {
            Path local = baseDir.resolve(file).normalize();
            assertThat(local).startsWith(run.directory()).isRegularFile();
            Path original = fixture.root().resolve(file.substring((MAIN + "/1/files/").length()));
            assertThat(Files.readAllBytes(local)).isEqualTo(Files.readAllBytes(original));
        }
        String planJson = Files.readString(run.planFile());
        assertThat(planJson).doesNotContain(temp.resolve("registry").toString())
                .doesNotContain(fixture.root().toString()).doesNotContain("file:");
        // The plan is what the runner reads: it parses back to the same plan.
        assertThat(RunJson.readPlan(run.planFile())).isEqualTo(run.plan());
    }

    @Test
    void jarProgramsAndArgumentsPointAtBundleCopiesNotAtTheRegistry() throws Exception {
        fixture.write("flows/jobs.sch.yaml", """
                Workflow:
                  id: stranger-data.jobs
                  params:
                    DAY: "2024-05-01"
                  jobs:
                    - job:
                        id: load
                        type: Spark
                        spark:
                          jar: ${dataflow.jar.jobs}
                          main_class: com.example.Load
                          args: ["--day", "${DAY}", "--self", "${dataflow.jar.jobs}"]
                          conf:
                            spark.sql.shuffle.partitions: 3
                    - job: {id: done, type: NoOp}
                """);
        DeployReport deployed = fixture.commitAndDeploy(store);
        String uuid = deployed.assets().stream().filter(asset -> asset.toString().contains("jar"))
                .findFirst().map(Object::toString).orElseThrow();

        PreparedRun run = prepare(RunRequest.of("stranger-data.jobs"));

        PlanTask.Jar load = (PlanTask.Jar) run.plan().task("load");
        assertThat(load.jar()).startsWith("stranger-data.jobs/1/assets/dataflow.jar.jobs.user.stranger-data.master.")
                .endsWith(".1.jar");
        Path jar = run.directory().resolve("bundles").resolve(load.jar());
        assertThat(Files.readString(jar)).as(uuid).isEqualTo("jar bytes, version 1");
        assertThat(load.mainClass()).isEqualTo("com.example.Load");
        assertThat(load.conf()).containsExactly(Map.entry("spark.sql.shuffle.partitions", "3"));
        assertThat(load.args()).containsExactly("--day", "2024-05-01", "--self", jar.toString());
        // No dag: the jobs run one after another in file order.
        assertThat(run.plan().task("done").dependsOn()).containsExactly("load");
        assertThat(Files.readString(run.planFile())).doesNotContain(temp.resolve("registry").toString() + "/jars");
    }

    @Test
    void scalaArchetypeMainStagesItsJarWriteWithResolvedArgs() throws Exception {
        fixture.close();
        fixture = RunFixture.create(temp.resolve("scala-repo"), "stranger-scala").withSample("scala");
        fixture.commitAndDeploy(store);

        PreparedRun run = prepare(RunRequest.of("stranger-data.top-titles-scala.main")
                .withParams(Map.of("DATE", "2024-01-09")));

        PlanTask.Wap wap = (PlanTask.Wap) run.plan().task("wap");
        PlanTask.Jar write = (PlanTask.Jar) wap.writes().get(0);
        assertThat(write.jar()).startsWith("stranger-data.top-titles-scala.main/1/assets/dataflow.jar.stranger-scala.");
        assertThat(run.directory().resolve("bundles").resolve(write.jar())).hasContent("jar bytes, version 1");
        assertThat(write.mainClass()).isEqualTo("com.example.analytics.toptitles.TopTitles");
        assertThat(write.args()).containsExactly("--source-table", "dataflow_sample_jdoe.playback_sessions",
                "--target-table", "dataflow_sample_jdoe.top_titles", "--date", "2024-01-09");
        assertThat(write.dependsOn()).isEmpty();
    }

    @Test
    void programsAndArgumentsOutsideTheBundleAreRefused() throws Exception {
        String elsewhere = store.locationOf("jars/other/user/repo/master/0123abcd/1.jar");
        fixture.write("flows/outside.sch.yaml", """
                Workflow:
                  id: stranger-data.outside
                  jobs:
                    - job:
                        id: load
                        type: Spark
                        spark: {jar: "%s", main_class: com.example.Load}
                """.formatted(elsewhere));
        fixture.write("flows/outside-arg.sch.yaml", """
                Workflow:
                  id: stranger-data.outside-arg
                  jobs:
                    - job:
                        id: load
                        type: Spark
                        spark: {jar: "${dataflow.jar.jobs}", main_class: com.example.Load, args: ["%s"]}
                """.formatted(elsewhere));
        fixture.commitAndDeploy(store);

        assertThatThrownBy(() -> prepare(RunRequest.of("stranger-data.outside")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("job 'load' spark.jar: '" + elsewhere + "' is not an asset or file of the bundle")
                .hasMessageContaining("local runs use bundle copies only");
        assertThatThrownBy(() -> prepare(RunRequest.of("stranger-data.outside-arg")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("job 'load' spark.args[0]")
                .hasMessageContaining("points into the registry");
    }

    @Test
    void pysparkSampleMainPlansItsPythonWriteOnTheRunsAuditBranch() throws Exception {
        // The PySpark sample as the archetype generates it, its wheel built but not deployed (as dataflow:run in a
        // working tree): the planner sees the same ${dataflow.whl.stranger-pyspark} reference a deploy resolves.
        Path project = ArchetypeSample.generate("pyspark", temp.resolve("pyspark-sample"));
        Path wheel = Files.writeString(temp.resolve("top_titles_job-0.1.0-py3-none-any.whl"), "wheel bytes");
        LocalObjectStore pysparkStore = new LocalObjectStore(temp.resolve("pyspark-registry"));
        WorkingTreeRelease release = WorkingTreeRelease.release(project,
                List.of(new PendingAsset(AssetType.WHL, "stranger-pyspark", wheel)), pysparkStore, DataflowLog.SILENT);

        PreparedRun run = new WorkflowRuns(pysparkStore, log).prepare(RunRequest.of(release.workflowId(
                project.resolve("main.sch.yaml"))).withParams(Map.of("DATE", "2024-01-09")).withRunsDirectory(runsDirectory));

        assertThat(run.plan().tasks()).extracting(PlanTask::id)
                .containsExactly("source_ddl", "sample_data", "target_ddl", "metadata", "wap", "hwm");
        PlanTask.Wap wap = (PlanTask.Wap) run.plan().task("wap");
        assertThat(wap.tables()).containsExactly("dataflow_sample_jdoe.top_titles");
        assertThat(wap.audits()).hasSize(3);
        assertThat(wap.writes()).singleElement().isInstanceOf(PlanTask.Python.class);
        PlanTask.Python write = (PlanTask.Python) wap.writes().get(0);
        assertThat(run.directory().resolve("bundles").resolve(write.file())).hasContent("wheel bytes");
        assertThat(write.entry()).isEqualTo("top_titles_job.top_titles");
        assertThat(write.args()).containsExactly("--source-table", "dataflow_sample_jdoe.playback_sessions",
                "--target-table", "dataflow_sample_jdoe.top_titles", "--date", "2024-01-09");
        assertThat(write.dependsOn()).isEmpty();
        // PySpark's own driver learns the audit branch from its conf: the branch the runner creates and publishes.
        assertThat(run.runId()).startsWith("stranger-data.top-titles-pyspark.main-v1-");
        String branch = "audit_" + run.runId().replace('.', '_').replace('-', '_');
        assertThat(write.conf()).containsExactly(Map.entry("spark.wap.branch", branch));
        PlanTask.Wap written = (PlanTask.Wap) RunJson.readPlan(run.planFile()).task("wap");
        assertThat(((PlanTask.Python) written.writes().get(0)).conf()).containsEntry("spark.wap.branch", branch);
    }

    @Test
    void dailyRunsMainOncePerDateAndEachDayWaitsForThePreviousOne() throws Exception {
        fixture.commitAndDeploy(store);

        PreparedRun run = prepare(RunRequest.of(DAILY));
        RunPlan plan = run.plan();

        assertThat(plan.tasks()).hasSize(18);
        String day1 = "last_days[2024-01-01].run_main.";
        String day2 = "last_days[2024-01-02].run_main.";
        String day3 = "last_days[2024-01-03].run_main.";
        assertThat(plan.tasks().subList(0, 6)).extracting(PlanTask::id).containsExactly(day1 + "source_ddl",
                day1 + "sample_data", day1 + "target_ddl", day1 + "metadata", day1 + "wap", day1 + "hwm");
        assertThat(plan.task(day1 + "source_ddl").dependsOn()).isEmpty();
        assertThat(plan.task(day2 + "source_ddl").dependsOn()).containsExactly(day1 + "hwm");
        assertThat(plan.task(day2 + "target_ddl").dependsOn()).containsExactly(day1 + "hwm");
        assertThat(plan.task(day2 + "wap").dependsOn()).containsExactly(day2 + "metadata", day2 + "sample_data");
        assertThat(((PlanTask.Sql) plan.task(day2 + "sample_data")).params()).containsEntry("DATE", "2024-01-02");
        assertThat(((PlanTask.Hwm) plan.task(day3 + "hwm")).datetime()).isEqualTo("2024-01-03");
        assertThat(((PlanTask.Sql) plan.task(day3 + "target_ddl")).file())
                .isEqualTo(MAIN + "/1/files/flows/ddl/create_target_table.sql");
        assertThat(run.bundles()).extracting(RunRecord.BundleUse::workflowId, RunRecord.BundleUse::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DAILY, 1), org.assertj.core.groups.Tuple.tuple(MAIN, 1));
        assertThat(run.directory().resolve("bundles/" + MAIN + "/1/files/flows/ddl/create_target_table.sql")).isRegularFile();
        assertThat(run.parameters()).containsEntry("DATES", "2024-01-01,2024-01-02,2024-01-03");
    }

    @Test
    void planningReadsTheActivationLogOnceWhateverTheForeachAndSubworkflowsExpand() throws Exception {
        fixture.commitAndDeploy(store);
        List<String> logReads = new java.util.ArrayList<>();
        ForwardingStore watching = new ForwardingStore(store) {
            @Override
            public List<String> list(String prefix) {
                if (prefix.startsWith(ActivationLog.PREFIX)) {
                    logReads.add(prefix);
                }
                return super.list(prefix);
            }
        };

        new WorkflowRuns(watching, log).prepare(RunRequest.of(MAIN).withRunsDirectory(runsDirectory));
        List<String> forMain = List.copyOf(logReads);
        logReads.clear();
        RunPlan daily = new WorkflowRuns(watching, log).prepare(RunRequest.of(DAILY).withRunsDirectory(runsDirectory))
                .plan();

        assertThat(daily.tasks()).hasSize(18);
        assertThat(forMain).isNotEmpty();
        assertThat(logReads).isEqualTo(forMain);
    }

    @Test
    void aVersionWithADamagedManifestIsNotRunAndTheKeyIsNamed() throws Exception {
        fixture.commitAndDeploy(store);
        store.createIfAbsent(BundleLayout.claimKey(MAIN, 2), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        store.createIfAbsent(BundleLayout.manifestKey(MAIN, 2), "{\"schemaVersion\":1,".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> prepare(RunRequest.of(MAIN).withVersion(2)))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("Manifest " + store.locationOf(BundleLayout.manifestKey(MAIN, 2))
                        + " (not a readable manifest");
        assertThat(runsDirectory).isEmptyDirectory();
        assertThat(prepare(RunRequest.of(MAIN)).plan().workflowVersion()).isEqualTo(1);
    }

    @Test
    void backfillPlansEveryDayOfItsRange() throws Exception {
        fixture.commitAndDeploy(store);

        RunPlan plan = prepare(RunRequest.of(BACKFILL)).plan();

        assertThat(plan.tasks()).hasSize(7 * 6);
        assertThat(plan.tasks().get(41).id()).isEqualTo("backfill_days[2024-01-07].run_main.hwm");
    }

    @Test
    void runParametersReplaceDefaultsInEveryWorkflowButLoopValuesWin() throws Exception {
        fixture.commitAndDeploy(store);

        RunPlan plan = prepare(RunRequest.of(DAILY).withParams(Map.of("DATES", "2024-02-27..2024-03-01",
                "TARGET_DB", "prod_db", "DATE", "1999-12-31"))).plan();

        assertThat(plan.tasks()).extracting(PlanTask::id).filteredOn(id -> id.endsWith(".hwm")).containsExactly(
                "last_days[2024-02-27].run_main.hwm", "last_days[2024-02-28].run_main.hwm",
                "last_days[2024-02-29].run_main.hwm", "last_days[2024-03-01].run_main.hwm");
        PlanTask.Wap wap = (PlanTask.Wap) plan.task("last_days[2024-02-29].run_main.wap");
        assertThat(wap.tables()).containsExactly("prod_db.top_titles");
        assertThat(((PlanTask.Sql) wap.writes().get(0)).params()).containsEntry("DATE", "2024-02-29")
                .containsEntry("TARGET_DB", "prod_db").containsEntry("SOURCE_DB", "dataflow_sample_jdoe");
        assertThat(plan.namespaces()).containsExactly("prod_db");

        RunPlan listed = prepare(RunRequest.of(DAILY).withParams(Map.of("DATES", "2024-03-01, 2024-03-05"))).plan();
        assertThat(listed.tasks()).extracting(PlanTask::id).filteredOn(id -> id.endsWith(".hwm"))
                .containsExactly("last_days[2024-03-01].run_main.hwm", "last_days[2024-03-05].run_main.hwm");
    }

    @Test
    void anOverrideNobodyUsesIsReported() throws Exception {
        fixture.commitAndDeploy(store);

        prepare(RunRequest.of(MAIN).withParams(Map.of("TARGT_DB", "x")));

        assertThat(log.lines()).anyMatch(line -> line.startsWith("WARN Run parameter TARGT_DB (dataflow.param.TARGT_DB)"));
    }

    @Test
    void aParameterWithoutValueIsRefusedNamingJobAndFixAndLeavesNothingBehind() throws Exception {
        fixture.write("flows/needs.sch.yaml", """
                Workflow:
                  id: stranger-data.needs
                  jobs:
                    - job:
                        id: ddl
                        type: Spark
                        spark:
                          script: $S3{./ddl/create_source_table.sql}
                          parameters:
                            SOURCE_DB: ${SOURCE_DB}
                """);
        fixture.commitAndDeploy(store);
        Map<String, String> registryBefore = tree(temp.resolve("registry"));

        assertThatThrownBy(() -> prepare(RunRequest.of("stranger-data.needs")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("workflow stranger-data.needs version 1, job 'ddl' parameters.SOURCE_DB")
                .hasMessageContaining("${SOURCE_DB} has no value")
                .hasMessageContaining("-Ddataflow.param.SOURCE_DB=<value>");
        assertThat(tree(runsDirectory)).isEmpty();
        assertThat(tree(temp.resolve("registry"))).isEqualTo(registryBefore);

        PlanTask.Sql ddl = (PlanTask.Sql) prepare(RunRequest.of("stranger-data.needs")
                .withParams(Map.of("SOURCE_DB", "given"))).plan().task("ddl");
        assertThat(ddl.params()).containsEntry("SOURCE_DB", "given");
    }

    /**
     * Three 3,660-day ranges are 49 billion iterations: building them exhausted any heap. Tagged to run in a JVM of
     * 256 MB (the dataflow-core pom's small-heap execution), where the count must be refused before anything is built.
     */
    @Test
    @Tag("small-heap")
    void aForeachProductBeyondTheTaskLimitIsRefusedBeforeItIsBuilt() throws Exception {
        fixture.write("flows/decades.sch.yaml", """
                Workflow:
                  id: stranger-data.decades
                  jobs:
                    - foreach:
                        id: every_day
                        params:
                          DAY_A: 2014-01-01..2024-01-08
                          DAY_B: 2014-01-01..2024-01-08
                          DAY_C: 2014-01-01..2024-01-08
                        jobs:
                          - job:
                              id: nothing
                              type: NoOp
                """);
        fixture.commitAndDeploy(store);
        Map<String, String> registryBefore = tree(temp.resolve("registry"));

        assertThatThrownBy(() -> prepare(RunRequest.of("stranger-data.decades")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("workflow stranger-data.decades version 1 (flows/decades.sch.yaml), foreach 'every_day': more"
                        + " than 10000 iterations (3660 values of DAY_A x 3660 values of DAY_B x 3660 values of DAY_C),"
                        + " and a run has at most 10000 tasks; run fewer values at once, e.g. a shorter date range in"
                        + " dataflow.param.<NAME>.");
        assertThat(tree(runsDirectory)).isEmpty();
        assertThat(tree(temp.resolve("registry"))).isEqualTo(registryBefore);
    }

    @Test
    void aForeachOfExactlyTheTaskLimitIsPlannedAndOneMoreValueIsRefused() throws Exception {
        fixture.write("flows/grid.sch.yaml", """
                Workflow:
                  id: stranger-data.grid
                  params:
                    XS: a
                    YS: b
                  jobs:
                    - foreach:
                        id: cell
                        params:
                          X: ${XS}
                          Y: ${YS}
                        jobs:
                          - job:
                              id: nothing
                              type: NoOp
                """);
        fixture.commitAndDeploy(store);
        String hundred = String.join(",", java.util.stream.IntStream.range(0, 100).mapToObj(String::valueOf).toList());

        RunPlan plan = prepare(RunRequest.of("stranger-data.grid").withParams(Map.of("XS", hundred, "YS", hundred))).plan();

        assertThat(plan.tasks()).hasSize(RunPlanner.MAX_TASKS);
        assertThat(plan.tasks().get(RunPlanner.MAX_TASKS - 1).id()).isEqualTo("cell[99,99].nothing");
        assertThatThrownBy(() -> prepare(RunRequest.of("stranger-data.grid")
                .withParams(Map.of("XS", hundred, "YS", hundred + ",100"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("foreach 'cell': more than 10000 iterations (100 values of X x 101 values of Y)");
    }

    /** A workflow with secrets: one as a parameter default, one inside a job parameter's text. */
    private static final String SECRET_WORKFLOW = """
            Workflow:
              id: stranger-data.secret
              params:
                DB_PASSWORD: ${secret:DB_PASSWORD}
              jobs:
                - job:
                    id: ddl
                    type: Spark
                    spark:
                      script: $S3{./ddl/create_source_table.sql}
                      parameters:
                        SOURCE_DB: "db_${secret:DB_USER}"
                        SOURCE_TABLE: ${DB_PASSWORD}
            """;

    @Test
    void secretsStayPlaceholdersInTheBundleThePlanAndTheRecordedParameters() throws Exception {
        fixture.write("flows/secret.sch.yaml", SECRET_WORKFLOW);
        fixture.commitAndDeploy(store);
        assertThat(temp.resolve("registry/workflows/stranger-data.secret/versions/1/workflow.sch.rendered.yaml"))
                .content().contains("DB_PASSWORD: ${secret:DB_PASSWORD}", "SOURCE_DB: \"db_${secret:DB_USER}\"");

        PreparedRun run = prepare(RunRequest.of("stranger-data.secret"));

        assertThat(((PlanTask.Sql) run.plan().task("ddl")).params())
                .containsEntry("SOURCE_DB", "db_${secret:DB_USER}").containsEntry("SOURCE_TABLE", "${secret:DB_PASSWORD}");
        assertThat(run.planFile()).content().contains("${secret:DB_PASSWORD}", "db_${secret:DB_USER}");
        assertThat(run.parameters()).containsEntry("DB_PASSWORD", "${secret:DB_PASSWORD}");
        assertThat(RunSecrets.names(run.plan())).containsExactly("DB_USER", "DB_PASSWORD");
    }

    @Test
    void theRunnerGetsTheSecretsInItsEnvironmentAndAMissingOneIsRefusedByName() throws Exception {
        fixture.write("flows/secret.sch.yaml", SECRET_WORKFLOW);
        fixture.commitAndDeploy(store);
        RunPlan plan = prepare(RunRequest.of("stranger-data.secret")).plan();
        Map<String, String> known = Map.of("DB_USER", "etl", "DB_PASSWORD", "p\"w{}$");

        Map<String, String> environment = RunSecrets.environment(plan, source(known));

        assertThat(environment).containsOnlyKeys(RunSecrets.ENVIRONMENT_VARIABLE);
        assertThat(io.dataflow.core.bundle.Json.mapper().readValue(environment.get(RunSecrets.ENVIRONMENT_VARIABLE), Map.class))
                .isEqualTo(Map.of("${secret:DB_USER}", "etl", "${secret:DB_PASSWORD}", "p\"w{}$"));
        assertThatThrownBy(() -> RunSecrets.environment(plan, source(Map.of("DB_USER", "etl"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Workflow stranger-data.secret version 1 uses the secret DB_PASSWORD (${secret:NAME}), which"
                        + " has no value here. Give it as the variable DB_PASSWORD, then run again; nothing was run.");
        assertThat(RunSecrets.environment(prepare(RunRequest.of(MAIN)).plan(), source(known))).isEmpty();
    }

    private static RunSecrets.Source source(Map<String, String> values) {
        return new RunSecrets.Source() {
            @Override
            public java.util.Optional<String> value(String name) {
                return java.util.Optional.ofNullable(values.get(name));
            }

            @Override
            public String howToGive(String name) {
                return "the variable " + name;
            }
        };
    }

    @Test
    void builtInParametersNameTheRun() throws Exception {
        fixture.write("flows/builtins.sch.yaml", """
                Workflow:
                  id: stranger-data.builtins
                  params:
                    STAMP: "${WORKFLOW_ID}@${WORKFLOW_VERSION}"
                    UNUSED: "${NOT_DEFINED}"
                  jobs:
                    - job:
                        id: hwm
                        type: HWM
                        metacat: {table: db/t, hwm_datetime: "${RUN_DATE}", hwm_timezone: "${EXECUTION_TIMEZONE}"}
                    - job:
                        id: ddl
                        type: Spark
                        spark:
                          script: $S3{./ddl/create_source_table.sql}
                          parameters: {SOURCE_DB: "${RUN_ID}", SOURCE_TABLE: "${STAMP}"}
                """.replace("${EXECUTION_TIMEZONE}", ""));
        fixture.commitAndDeploy(store);

        PreparedRun run = prepare(RunRequest.of("stranger-data.builtins").withNow(Instant.parse("2026-03-04T05:06:07Z")));

        assertThat(run.runId()).matches("stranger-data\\.builtins-v1-20260304T050607Z-[0-9a-f]{6}");
        assertThat(run.plan().task("hwm")).isEqualTo(new PlanTask.Hwm("hwm", List.of(), "db.t", "2026-03-04", null));
        assertThat(((PlanTask.Sql) run.plan().task("ddl")).params())
                .containsEntry("SOURCE_DB", run.runId()).containsEntry("SOURCE_TABLE", "stranger-data.builtins@1");
        // A parameter no job uses needs no value: the record keeps what was written.
        assertThat(run.parameters()).containsEntry("UNUSED", "${NOT_DEFINED}")
                .containsEntry("STAMP", "stranger-data.builtins@1");
    }

    @Test
    void subworkflowsThatCallEachOtherAreRefusedWithTheLoop() throws Exception {
        fixture.write("flows/a.sch.yaml", subworkflowCalling("stranger-data.a", "stranger-data.b"));
        fixture.write("flows/b.sch.yaml", subworkflowCalling("stranger-data.b", "stranger-data.a"));
        fixture.commitAndDeploy(store);

        assertThatThrownBy(() -> prepare(RunRequest.of("stranger-data.a")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stranger-data.a -> stranger-data.b -> stranger-data.a")
                .hasMessageContaining("remove one of these subworkflow steps");
        assertThat(tree(runsDirectory)).isEmpty();
    }

    @Test
    void aSubworkflowThatIsNotDeployedIsRefusedWithTheFix() throws Exception {
        fixture.write("flows/a.sch.yaml", subworkflowCalling("stranger-data.a", "stranger-data.nowhere"));
        fixture.commitAndDeploy(store);

        assertThatThrownBy(() -> prepare(RunRequest.of("stranger-data.a")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Subworkflow 'stranger-data.nowhere' has no active version")
                .hasMessageContaining("deploy it first");
    }

    @Test
    void runsTheActiveVersionUnlessOneIsNamed() throws Exception {
        fixture.commitAndDeploy(store);
        fixture.write("flows/ddl/create_target_table.sql", "CREATE NAMESPACE IF NOT EXISTS ${TARGET_DB};\n");
        fixture.commitAndDeploy(store);
        new WorkflowReleases(store, DataflowLog.SILENT).rollback(MAIN, 1, "test", Instant.now());

        assertThat(prepare(RunRequest.of(MAIN)).plan().workflowVersion()).isEqualTo(1);
        PreparedRun second = prepare(RunRequest.of(MAIN).withVersion(2));
        assertThat(second.plan().workflowVersion()).isEqualTo(2);
        assertThat(second.directory().resolve("bundles/" + MAIN + "/2/files/flows/ddl/create_target_table.sql"))
                .hasContent("CREATE NAMESPACE IF NOT EXISTS ${TARGET_DB};");
        assertThatThrownBy(() -> prepare(RunRequest.of(MAIN).withVersion(7)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no version 7")
                .hasMessageContaining("its versions are 2, 1");
        assertThatThrownBy(() -> prepare(RunRequest.of("stranger-data.nothing")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Unknown workflow 'stranger-data.nothing'")
                .hasMessageContaining(MAIN);
    }

    @Test
    void aBranchDeployRunsTheSameBranchesSubworkflow() throws Exception {
        fixture.commitAndDeploy(store);
        fixture.checkoutNewBranch("feature/x");
        fixture.write("flows/ddl/create_target_table.sql", "CREATE NAMESPACE IF NOT EXISTS ${TARGET_DB};\n");
        fixture.commitAndDeploy(store);

        PreparedRun run = prepare(RunRequest.of(DAILY + "@feature-x"));

        assertThat(run.bundles()).extracting(RunRecord.BundleUse::workflowId)
                .containsExactly(DAILY + "@feature-x", MAIN + "@feature-x");
        assertThat(((PlanTask.Sql) run.plan().task("last_days[2024-01-01].run_main.target_ddl")).file())
                .isEqualTo(MAIN + "@feature-x/1/files/flows/ddl/create_target_table.sql");
    }

    private static String subworkflowCalling(String id, String called) {
        return """
                Workflow:
                  id: %s
                  jobs:
                    - job: {id: start, type: NoOp}
                    - subworkflow:
                        id: call
                        workflow: %s
                """.formatted(id, called);
    }

    private static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (!path.equals(dir)) {
                    files.put(dir.relativize(path).toString(), Files.isDirectory(path) ? "<dir>" : Sha256.of(path));
                }
            }
        }
        return files;
    }
}
