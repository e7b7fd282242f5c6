package io.dataflow.core.maestro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.BundleLocationIndex;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.maestro.MaestroWorkflow.ForeachJob;
import io.dataflow.core.maestro.MaestroWorkflow.Param;
import io.dataflow.core.maestro.MaestroWorkflow.SubworkflowJob;
import io.dataflow.core.maestro.MaestroWorkflow.TypedJob;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.workflow.ParsedWorkflow;
import io.dataflow.core.workflow.WorkflowParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One construct at a time: what each Dataflow construct becomes in Maestro's DSL, and what the converter refuses
 * because Maestro would refuse or misread it. Every YAML written here also conforms to the JSON Schema of the DSL
 * subset.
 */
class MaestroConverterTest {

    static final String JAR_KEY = "jars/jobs/user/stranger-data/master/39206ee8/3.jar";
    static final String SQL_KEY = "files/" + "a".repeat(64) + "/create.sql";
    static final String BUNDLE = "workflows/w/versions/3/";

    @TempDir
    Path temp;

    private LocalObjectStore store;

    @BeforeEach
    void open() {
        store = new LocalObjectStore(temp.resolve("registry"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** {@code {jar}} and {@code {sql}} in the text stand for the registry locations of the two bundled objects. */
    private String rendered(String text) {
        return text.replace("{jar}", store.locationOf(JAR_KEY)).replace("{sql}", store.locationOf(SQL_KEY));
    }

    private MaestroSource source(String workflowId, String text, UnaryOperator<String> subworkflowIds) {
        ParsedWorkflow parsed = WorkflowParser.parse(Path.of("flows/w.sch.yaml"), rendered(text));
        assertThat(parsed.problems()).isEmpty();
        BundleLocationIndex locations = new BundleLocationIndex(List.of(
                new BundleLocationIndex.Entry(JAR_KEY, null, BUNDLE + "assets/dataflow.jar.jobs.user.stranger-data.master.39206ee8.3.jar"),
                new BundleLocationIndex.Entry(SQL_KEY, null, BUNDLE + "files/flows/ddl/create.sql")), store);
        return new MaestroSource(workflowId, 3, "sha256:" + "b".repeat(64), "c".repeat(40), "alice", "flows/w.sch.yaml",
                store.locationOf(BUNDLE), parsed.workflow(), parsed.document(), locations, store::locationOf,
                subworkflowIds);
    }

    private MaestroWorkflow convert(String text) {
        return convert(MaestroMapping.defaults(), text);
    }

    private MaestroWorkflow convert(MaestroMapping mapping, String text) {
        MaestroWorkflow workflow = new MaestroConverter(mapping).convert(source("w", text, MaestroIds::workflowId));
        assertThat(MaestroSchema.violations(MaestroYaml.write(workflow, List.of()))).isEmpty();
        return workflow;
    }

    private static String bundleCopy(LocalObjectStore store, String path) {
        return store.locationOf(BUNDLE + path);
    }

    private static TypedJob typed(MaestroWorkflow workflow, String id) {
        List<TypedJob> found = new java.util.ArrayList<>();
        collect(workflow.jobs(), id, found);
        assertThat(found).as("job " + id).hasSize(1);
        return found.get(0);
    }

    private static void collect(List<MaestroWorkflow.Job> jobs, String id, List<TypedJob> found) {
        for (MaestroWorkflow.Job job : jobs) {
            if (job instanceof TypedJob typed && typed.id().equals(id)) {
                found.add(typed);
            } else if (job instanceof ForeachJob foreach) {
                collect(foreach.jobs(), id, found);
            }
        }
    }

    private static Object param(List<Param> params, String name) {
        return params.stream().filter(param -> param.name().equals(name)).findFirst().orElseThrow().value();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void edgesBecomeTransitionsOfEachJobInJobOrder() {
        MaestroWorkflow workflow = convert("""
                Workflow:
                  id: w
                  dag:
                    - a -> b -> d
                    - c -> d
                  jobs:
                    - job: {id: a, type: NoOp}
                    - job: {id: b, type: NoOp}
                    - job: {id: c, type: NoOp}
                    - job: {id: d, type: NoOp}
                """);

        assertThat(workflow.dag()).containsExactly(Map.entry("a", List.of("b")), Map.entry("b", List.of("d")),
                Map.entry("c", List.of("d")));
        assertThat(workflow.jobs()).extracting(MaestroWorkflow.Job::id).containsExactly("a", "b", "c", "d");
        assertThat(typed(workflow, "a").type().type()).isEqualTo("NoOp");
    }

    @Test
    void withoutEdgesThereIsNoDagAndMaestroRunsTheJobsInParallel() {
        String yaml = MaestroYaml.write(convert("""
                Workflow:
                  id: w
                  jobs:
                    - job: {id: a, type: NoOp}
                    - job: {id: b, type: NoOp}
                """), List.of());

        assertThat(yaml).doesNotContain("dag:");
    }

    @Test
    void sparkJobsRunTheBundleCopiesAndRegistryLocationsInTheirTextPointAtTheBundleToo() {
        MaestroWorkflow workflow = convert("""
                Workflow:
                  id: w
                  jobs:
                    - job:
                        id: ddl
                        type: Spark
                        spark:
                          script: {sql}
                          parameters: {TARGET_DB: "${TARGET_DB}"}
                    - job:
                        id: write
                        type: Spark
                        spark:
                          jar: {jar}
                          main_class: com.example.App
                          args: ["--udfs", "{jar}", "--date", "${DATE}"]
                          conf: {spark.sql.shuffle.partitions: 2}
                """);

        Map<String, Object> ddl = map(param(typed(workflow, "ddl").params(), "spark"));
        assertThat(ddl).containsEntry("script", bundleCopy(store, "files/flows/ddl/create.sql"))
                .containsEntry("parameters", Map.of("TARGET_DB", "${TARGET_DB}"));
        Map<String, Object> write = map(param(typed(workflow, "write").params(), "spark"));
        String jarCopy = bundleCopy(store, "assets/dataflow.jar.jobs.user.stranger-data.master.39206ee8.3.jar");
        assertThat(write).containsEntry("jar", jarCopy).containsEntry("main_class", "com.example.App")
                .containsEntry("args", List.of("--udfs", jarCopy, "--date", "${DATE}"))
                .containsEntry("conf", Map.of("spark.sql.shuffle.partitions", "2"));
        assertThat(typed(workflow, "write").type()).isEqualTo(new MaestroMapping.JobType("Spark", null));
    }

    @Test
    void sparkJobsRunAsTheConfiguredStepTypeOrJobTemplate() {
        MaestroMapping mapping = new MaestroMapping(MaestroMapping.JobType.parse("spark_job:v2", "<sparkType>"),
                MaestroMapping.JobType.parse("Kubernetes", "<metadataType>"), null, null, null, null, "data-eng", null);
        MaestroWorkflow workflow = convert(mapping, """
                Workflow:
                  id: w
                  jobs:
                    - job: {id: ddl, type: Spark, spark: {script: "{sql}"}}
                    - job: {id: meta, type: Metadata, metacat: {tables: [a/b/c], lifetime: 30}}
                """);

        assertThat(typed(workflow, "ddl").type()).isEqualTo(new MaestroMapping.JobType("spark_job", "v2"));
        assertThat(typed(workflow, "meta").type()).isEqualTo(new MaestroMapping.JobType("Kubernetes", null));
        assertThat(map(param(typed(workflow, "meta").params(), "metacat"))).containsEntry("lifetime", 30L);
        assertThat(workflow.owner()).isEqualTo("data-eng");
        assertThat(MaestroYaml.write(workflow, List.of())).contains("type: spark_job\n        type_version: v2\n");
    }

    @Test
    void metadataAndHwmJobsBecomeStepsOfTheirJobTypesWithTheirMetacatBlock() {
        MaestroWorkflow workflow = convert("""
                Workflow:
                  id: w
                  dag: [meta -> hwm]
                  jobs:
                    - job:
                        id: meta
                        type: Metadata
                        metacat:
                          tables: ["${CATALOG}/${TARGET_DB}/t"]
                          owner: jdoe
                          tags: [dataflow]
                          lifetime: 365
                          column_types: {date: pk}
                    - job:
                        id: hwm
                        type: HWM
                        metacat: {table: c/d/t, hwm_datetime: "${DATE}"}
                """);

        assertThat(typed(workflow, "meta").type().type()).isEqualTo("Metadata");
        assertThat(map(param(typed(workflow, "meta").params(), "metacat"))).containsExactly(
                Map.entry("tables", List.of("${CATALOG}/${TARGET_DB}/t")), Map.entry("owner", "jdoe"),
                Map.entry("tags", List.of("dataflow")), Map.entry("lifetime", 365L),
                Map.entry("column_types", Map.of("date", "pk")));
        assertThat(typed(workflow, "hwm").type().type()).isEqualTo("HWM");
        assertThat(map(param(typed(workflow, "hwm").params(), "metacat"))).containsExactly(
                Map.entry("table", "c/d/t"), Map.entry("hwm_datetime", "${DATE}"));
    }

    @Test
    void aWapTemplateBecomesItsWritesInOrderAnAuditStepPerAuditAndAPublishStep() {
        MaestroWorkflow workflow = convert("""
                Workflow:
                  id: w
                  dag:
                    - ddl -> wap -> done
                  jobs:
                    - job: {id: ddl, type: NoOp}
                    - template:
                        id: wap
                        type: wap
                        tables: [db.t]
                        write_jobs:
                          - job: {id: stage, type: Spark, spark: {script: "{sql}"}}
                          - job: {id: write, type: Spark, spark: {jar: "{jar}", main_class: A}}
                        data_auditor:
                          audits:
                            - function: row_count_should_be_between
                              blocking: true
                              params: {table: db.t, min: 1, max: 10}
                            - function: row_count_should_be_between
                              blocking: false
                              params: {table: db.t, min: 5, max: 8}
                            - function: table_should_not_be_empty
                              params: {table: db.t}
                    - job: {id: done, type: NoOp}
                """);

        assertThat(workflow.jobs()).extracting(MaestroWorkflow.Job::id).containsExactly("ddl", "stage", "write",
                "wap.audit.row_count_should_be_between.1", "wap.audit.row_count_should_be_between.2",
                "wap.audit.table_should_not_be_empty", "wap.publish", "done");
        assertThat(workflow.dag()).containsExactly(
                Map.entry("ddl", List.of("stage")),
                Map.entry("stage", List.of("write")),
                Map.entry("write", List.of("wap.audit.row_count_should_be_between.1",
                        "wap.audit.row_count_should_be_between.2", "wap.audit.table_should_not_be_empty")),
                Map.entry("wap.audit.row_count_should_be_between.1", List.of("wap.publish")),
                Map.entry("wap.audit.row_count_should_be_between.2", List.of("wap.publish")),
                Map.entry("wap.audit.table_should_not_be_empty", List.of("wap.publish")),
                Map.entry("wap.publish", List.of("done")));

        // Blocking audits fail the workflow; a non-blocking one only marks its step.
        assertThat(typed(workflow, "wap.audit.row_count_should_be_between.1").failureMode()).isEqualTo("FAIL_AFTER_RUNNING");
        assertThat(typed(workflow, "wap.audit.row_count_should_be_between.2").failureMode()).isEqualTo("IGNORE_FAILURE");
        assertThat(typed(workflow, "wap.audit.table_should_not_be_empty").failureMode()).isEqualTo("FAIL_AFTER_RUNNING");
        assertThat(map(param(typed(workflow, "wap.audit.row_count_should_be_between.2").params(), "audit")))
                .containsExactly(Map.entry("function", "row_count_should_be_between"), Map.entry("blocking", false),
                        Map.entry("params", Map.of("table", "db.t", "min", "5", "max", "8")));
        assertThat(typed(workflow, "wap.audit.table_should_not_be_empty").type().type()).isEqualTo("Audit");
        assertThat(typed(workflow, "wap.publish").type().type()).isEqualTo("WapPublish");

        // Every step of the expansion shares one audit branch per Maestro run; writes commit to it.
        Map<String, Object> wap = map(param(typed(workflow, "wap.publish").params(), "wap"));
        assertThat(wap).containsEntry("template", "wap").containsEntry("tables", List.of("db.t"))
                .containsEntry("branch", "dataflow_wap_w_wap_${workflow_instance_id}");
        for (String write : List.of("stage", "write")) {
            assertThat(param(typed(workflow, write).params(), "wap")).isEqualTo(wap);
            assertThat(map(map(param(typed(workflow, write).params(), "spark")).get("conf")))
                    .containsEntry("spark.wap.branch", "dataflow_wap_w_wap_${workflow_instance_id}");
        }
    }

    @Test
    void aWapTemplateWhoseStepIdsClashWithAJobOrWhoseWriteIsNoSparkJobIsRefused() {
        assertThatThrownBy(() -> convert("""
                Workflow:
                  id: w
                  jobs:
                    - job: {id: wap.publish, type: NoOp}
                    - template:
                        id: wap
                        type: wap
                        tables: [db.t]
                        write_jobs:
                          - job: {id: write, type: NoOp}
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("flows/w.sch.yaml:")
                .hasMessageContaining("template 'wap' becomes Maestro step 'wap.publish', but a job of the workflow"
                        + " already has that id")
                .hasMessageContaining("write job 'write' is not a Spark job");
    }

    @Test
    void aForeachLoopsOverAnArrayAndKeepsItsOwnDag() {
        MaestroWorkflow workflow = convert("""
                Workflow:
                  id: w
                  params:
                    DATES: ["2024-01-01", "2024-01-02"]
                  jobs:
                    - foreach:
                        id: days
                        params: {date: "${DATES}"}
                        dag: [run -> check]
                        jobs:
                          - subworkflow: {id: run, workflow: main, params: {DATE: "${date}"}}
                          - job: {id: check, type: NoOp}
                    - foreach:
                        id: countries
                        params: {country: [US, NL]}
                        jobs:
                          - job: {id: per_country, type: NoOp}
                """);

        ForeachJob days = (ForeachJob) workflow.jobs().get(0);
        assertThat(days.loopParams()).containsExactly(Param.expression("date", "DATES;", "array<string>"));
        assertThat(days.dag()).containsExactly(Map.entry("run", List.of("check")));
        assertThat(((SubworkflowJob) days.jobs().get(0)).workflowId()).isEqualTo("main");
        assertThat(((SubworkflowJob) days.jobs().get(0)).params()).containsExactly(Param.literal("DATE", "${date}"));
        ForeachJob countries = (ForeachJob) workflow.jobs().get(1);
        assertThat(countries.loopParams()).containsExactly(Param.literal("country", List.of("US", "NL")));
        assertThat(MaestroYaml.write(workflow, List.of())).contains("'!date<array<string>>': DATES;");
    }

    @Test
    void aForeachOverAParameterWithoutAListDefaultIsRefused() {
        assertThatThrownBy(() -> convert("""
                Workflow:
                  id: w
                  params: {DATES: "2024-01-01..2024-01-07"}
                  jobs:
                    - foreach:
                        id: days
                        params: {date: "${DATES}"}
                        jobs: [{job: {id: x, type: NoOp}}]
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("loops over ${DATES}, but the workflow has no parameter of that name with a list"
                        + " default");
    }

    @Test
    void aSubworkflowCallsTheMaestroIdOfItsWorkflowAndPassesItsParameters() {
        UnaryOperator<String> branchIds = id -> MaestroIds.workflowId(id + "@feature-x");
        MaestroWorkflow workflow = new MaestroConverter(MaestroMapping.defaults()).convert(source("w@feature-x", """
                Workflow:
                  id: w
                  jobs:
                    - subworkflow: {id: run, workflow: main, params: {DATE: "2024-01-01", LIMIT: "10"}}
                """, branchIds));

        SubworkflowJob run = (SubworkflowJob) workflow.jobs().get(0);
        assertThat(workflow.id()).isEqualTo("w.branch.feature-x");
        assertThat(run.workflowId()).isEqualTo("main.branch.feature-x");
        assertThat(run.params()).containsExactly(Param.literal("DATE", "2024-01-01"), Param.literal("LIMIT", "10"));
        String yaml = MaestroYaml.write(workflow, List.of());
        assertThat(yaml).contains("workflow_id: main.branch.feature-x");
        assertThat(MaestroSchema.violations(yaml)).isEmpty();
    }

    @Test
    void subworkflowParametersNamedLikeMaestroFieldsAreRefused() {
        assertThatThrownBy(() -> convert("""
                Workflow:
                  id: w
                  jobs:
                    - subworkflow: {id: run, workflow: main, params: {version: "2", sync: "false"}}
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("subworkflow 'run' parameter 'version' would be read as Maestro's subworkflow"
                        + " field 'version'")
                .hasMessageContaining("parameter 'sync' would be read as Maestro's subworkflow field 'sync'");
    }

    @Test
    void everyWorkflowCarriesItsDataflowVersionBundleDigestAndCommitAsConstantParameters() {
        MaestroWorkflow workflow = convert("""
                Workflow:
                  id: w
                  params: {TARGET_DB: sandbox}
                  jobs: [{job: {id: a, type: NoOp}}]
                """);

        assertThat(workflow.params()).containsExactly(Param.literal("TARGET_DB", "sandbox"),
                Param.constant("dataflow_workflow_id", "w"), Param.constant("dataflow_version", 3L),
                Param.constant("dataflow_bundle", store.locationOf(BUNDLE) + "/"),
                Param.constant("dataflow_bundle_digest", "sha256:" + "b".repeat(64)),
                Param.constant("dataflow_commit", "c".repeat(40)));
        assertThat(workflow.tags()).containsExactly("dataflow");
        assertThat(workflow.description()).isEqualTo("Dataflow workflow w version 3 from flows/w.sch.yaml at commit cccccccc.");
        assertThat(MaestroYaml.write(workflow, List.of())).contains("dataflow_version(constant): 3\n");
    }

    @Test
    void namesMaestroWouldRefuseOrTakeForFieldsAreRefusedEachWithItsPosition() {
        assertThatThrownBy(() -> convert("""
                Workflow:
                  id: w
                  params:
                    1st_run: a
                    a__b: b
                    maestro_x: c
                    owner: d
                    dataflow_version: e
                    EMPTY:
                    util: f
                  jobs:
                    - job: {id: 9lives, type: NoOp}
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("8 problems")
                .hasMessageContaining("flows/w.sch.yaml:4:5: parameter '1st_run' cannot be a Maestro name")
                .hasMessageContaining("parameter 'a__b' cannot be a Maestro name: Maestro uses '__'")
                .hasMessageContaining("parameter 'maestro_x' cannot be a Maestro name: Maestro reserves names starting"
                        + " with 'maestro_'")
                .hasMessageContaining("parameter 'owner' would be read as Maestro's workflow field 'owner'")
                .hasMessageContaining("parameter 'dataflow_version' is the name of a parameter Dataflow stamps")
                .hasMessageContaining("parameter 'EMPTY' has no default, and Maestro needs a value for every parameter;"
                        + " give it one in params, e.g. 'EMPTY: \"\"'")
                .hasMessageContaining("parameter 'util' cannot be a Maestro name: Maestro reserves the name 'util'")
                .hasMessageContaining("job id '9lives' cannot be a Maestro step id");
    }

    @Test
    void programsOutsideTheBundleAndTextPointingIntoTheRegistryAreRefused() {
        assertThatThrownBy(() -> convert("""
                Workflow:
                  id: w
                  jobs:
                    - job: {id: a, type: Spark, spark: {script: "s3://user-bucket/x.sql"}}
                    - job: {id: b, type: Spark, spark: {jar: "{jar}", main_class: A, args: ["{jar}.old"]}}
                """.replace("{jar}.old", store.locationOf("jars/other/1.jar"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("job 'a' spark.script 's3://user-bucket/x.sql' is not an asset or file of the"
                        + " version's bundle, and Maestro must run the bundle's copy")
                .hasMessageContaining("points into the registry");
    }

    @Test
    void keysTheExportHasNoPlaceForAreRefusedInsteadOfDroppedOrTurnedIntoParameters() {
        assertThatThrownBy(() -> convert("""
                Workflow:
                  id: w
                  owner: data-eng
                  jobs:
                    - job: {id: a, type: Spark, timeout: 2h, spark: {script: "{sql}", retries: 3}}
                    - foreach:
                        id: f
                        params: {x: [a]}
                        concurrency: 2
                        jobs: [{job: {id: b, type: NoOp}}]
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining("flows/w.sch.yaml:3:3: key 'owner' of the workflow has no place in Maestro's DSL")
                .hasMessageContaining("key 'timeout' of job 'a'")
                .hasMessageContaining("key 'retries' of job 'a' spark")
                .hasMessageContaining("key 'concurrency' of foreach 'f'");
    }

    @Test
    void aDollarThatIsNoRuntimeParameterStaysTextInMaestro() {
        assertThat(MaestroConverter.escape("${DATE} costs $5 at $HOME and ${secret:TOKEN}"))
                .isEqualTo("${DATE} costs $$5 at $$HOME and $${secret:TOKEN}");
    }

    @Test
    void textThatYamlWouldReadAsAnotherTypeIsQuotedSoMaestroReadsItAsText() {
        MaestroWorkflow workflow = convert("""
                Workflow:
                  id: w
                  params:
                    DATE: "2024-01-01"
                    FLAG: "yes"
                    LIMIT: "10"
                    RATIO: "1.5"
                    NOTHING: "null"
                  jobs: [{job: {id: a, type: NoOp}}]
                """);

        Map<?, ?> loaded = (Map<?, ?>) ((Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(MaestroYaml.write(workflow, List.of()))).get("Workflow");
        for (String name : List.of("DATE", "FLAG", "LIMIT", "RATIO", "NOTHING")) {
            assertThat(loaded.get(name)).as(name).isInstanceOf(String.class);
        }
        assertThat(loaded.get("dataflow_version(constant)")).isEqualTo(3);
    }

    @Test
    void branchIdsAreSpelledWithoutTheAtSignAndIdsMaestroWouldRefuseAreRefused() {
        assertThat(MaestroIds.workflowId("stranger-data.main@feature-x-y")).isEqualTo("stranger-data.main.branch.feature-x-y");
        assertThat(MaestroIds.workflowId("stranger-data.main")).isEqualTo("stranger-data.main");
        assertThatThrownBy(() -> MaestroIds.workflowId("maestro_jobs")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Maestro reserves ids starting with 'maestro_'");
        assertThatThrownBy(() -> MaestroIds.workflowId("x".repeat(100) + "@" + "b".repeat(40)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Maestro allows 128")
                .hasMessageContaining("shorter branch name");
    }

    @Test
    void aWorkflowWithATriggerBecomesTheJsonCreateRequestWithTimeTriggersAndStepTypes() throws Exception {
        String text = """
                Workflow:
                  id: w
                  trigger: {cron: "0 6 * * *"}
                  dag: [a -> b]
                  jobs:
                    - job: {id: a, type: Spark, spark: {script: "{sql}"}}
                    - job: {id: b, type: NoOp}
                """;
        MaestroMapping noStepType = new MaestroMapping(MaestroMapping.JobType.parse("spark_sql:v3", "<sparkType>"),
                null, null, null, null, null, null, "Europe/Amsterdam");
        MaestroWorkflow workflow = convert(noStepType, text);
        assertThatThrownBy(() -> MaestroJson.createRequest(workflow, noStepType)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Job type 'spark_sql' (<maestro><sparkType>) is not one of Maestro's step types")
                .hasMessageContaining("<templateStepType>Kubernetes</templateStepType>");

        MaestroMapping mapping = new MaestroMapping(noStepType.spark(), null, null, null, null, "kubernetes", null,
                "Europe/Amsterdam");
        JsonNode request = Json.mapper().readTree(MaestroJson.createRequest(convert(mapping, text), mapping));
        assertThat(request.path("is_active").asBoolean(true)).isFalse();
        JsonNode body = request.path("workflow");
        assertThat(body.path("time_triggers").get(0).toString())
                .isEqualTo("{\"type\":\"CRON\",\"cron\":\"0 6 * * *\",\"timezone\":\"Europe/Amsterdam\"}");
        JsonNode a = body.path("steps").get(0).path("step");
        assertThat(a.path("type").asText()).isEqualTo("Kubernetes");
        assertThat(a.path("sub_type").asText()).isEqualTo("spark_sql");
        assertThat(a.path("sub_type_version").asText()).isEqualTo("v3");
        assertThat(a.path("transition").toString()).isEqualTo("{\"successors\":{\"b\":\"true\"}}");
        assertThat(a.path("params").path("spark").path("type").asText()).isEqualTo("STRING_MAP");
        assertThat(body.path("steps").get(1).path("step").path("type").asText()).isEqualTo("NoOp");
        assertThat(body.path("params").path("dataflow_version").toString())
                .isEqualTo("{\"value\":3,\"type\":\"LONG\",\"mode\":\"CONSTANT\"}");
    }

    @Test
    void configuredJobTypesAndSettingsAreCheckedWhereTheyAreWritten() {
        assertThatThrownBy(() -> MaestroMapping.JobType.parse("spark job", "<maestro><sparkType>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<maestro><sparkType> 'spark job' is not a Maestro job type");
        assertThatThrownBy(() -> new MaestroMapping(null, null, null, null, null, "Spark", null, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<maestro><templateStepType>Spark</templateStepType> is not a Maestro step type");
        assertThatThrownBy(() -> new MaestroMapping(null, null, null, null, null, null, null, "Mars/Olympus"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a time zone id");
        assertThatThrownBy(() -> MaestroEndpoint.of("https://bob:hunter2@maestro.example.com", null, null, null, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("contains credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThat(MaestroEndpoint.of(" ", null, null, null, null)).isNull();
        assertThat(MaestroEndpoint.of("http://127.0.0.1:8080/maestro", "u", "p", null, null).url().toString())
                .isEqualTo("http://127.0.0.1:8080/maestro/");
        assertThat(MaestroEndpoint.of("http://h/", "u", "secret-p", null, null).toString()).doesNotContain("secret-p");
    }
}
