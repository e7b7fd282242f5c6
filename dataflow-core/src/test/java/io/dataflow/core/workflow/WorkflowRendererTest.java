package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.run.AuditFunction;
import io.dataflow.core.bundle.BundledFile;
import io.dataflow.core.identity.AssetType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowRendererTest {

    private static final String DDL_SHA = "e45dc0127091bc9eb28e22ec187f2039334d1bf6f33fa79f2ab501c23da9714e";

    @TempDir
    Path temp;

    @TempDir
    static Path registryDir;

    /** Read-only in these tests, so one registry serves them all. */
    private static TestRegistry registry;

    @BeforeAll
    static void deploySampleBuilds() {
        registry = TestRegistry.sample(registryDir);
    }

    private Path repository;
    private Path main;

    @BeforeEach
    void setUp() throws Exception {
        repository = WorkflowFixtures.copyTo(Files.createDirectories(temp.resolve("repo")));
        main = repository.resolve("sample/main.sch.yaml");
    }

    private WorkflowRenderer renderer(String branch, PendingAsset... pending) {
        ReferenceResolver resolver = new ReferenceResolver(registry.catalog(), List.of(pending),
                WorkflowFixtures.git(repository, branch), registry::location);
        return new WorkflowRenderer(resolver, repository);
    }

    @Test
    void rendersExactlyTheExpectedTextKeepingFormattingAndComments() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("TARGET_DB", "prod_db");
        overrides.put("EXECUTION_TIMEZONE", "America/Los_Angeles");
        overrides.put("EXECUTION_DATE", "2024-01-31 00:00");
        overrides.put("NOT_DECLARED", "x");

        RenderResult result = renderer("master").render(main, overrides).requireValid();

        assertThat(result.renderedText())
                .isEqualTo(at(Files.readString(repository.resolve("expected/main.prod.sch.rendered.yaml"))));
        assertThat(result.unusedOverrides()).containsExactly("NOT_DECLARED");
        assertThat(result.workflowId()).isEqualTo("stranger-data.sample.main");
    }

    @Test
    void listsEveryResolvedAssetAndBundledFile() {
        RenderResult result = renderer("master").render(main).requireValid();

        assertThat(result.assets()).extracting(a -> a.id().format()).containsExactly(
                "dataflow.jar.scala-workflow.user.stranger-data.master.22222222.2",
                "dataflow.jar.udfs.user.stranger-data.master.33333333.2");
        assertThat(result.files()).containsExactly(new BundledFile("sample/ddl/dataflow_sparksql_sample.sql",
                repository.resolve("sample/ddl/dataflow_sparksql_sample.sql"),
                "files/" + DDL_SHA + "/dataflow_sparksql_sample.sql", DDL_SHA, 427));
        assertThat(result.deployedBuilds()).extracting(b -> b.id().build()).containsExactly(2, 2);
    }

    @Test
    void runtimeParametersAndCommentsAreLeftAlone() throws Exception {
        RenderResult result = renderer("master").render(main).requireValid();

        assertThat(result.renderedText())
                .contains("TARGET_DB: ${TARGET_DB}")
                .contains("owner: ${username}")
                .contains("# Formerly the write job used ${dataflow.jar.retired-namespace}; comments are never rendered.")
                .doesNotContain("$S3{")
                .doesNotContain("${dataflow.jar.scala-workflow}");
    }

    @Test
    void renderedTextParsesIntoTheSameWorkflowWithConcreteLocations() {
        RenderResult result = renderer("master").render(main).requireValid();

        ParsedWorkflow rendered = WorkflowParser.parse(main, result.renderedText());

        assertThat(rendered.problems()).isEmpty();
        Step.WapTemplate wap = (Step.WapTemplate) rendered.workflow().jobs().get(2);
        Step.SparkJob write = (Step.SparkJob) wap.writeJobs().get(0);
        assertThat(write.program()).isEqualTo(new SparkProgram.JarProgram(
                at("s3://dataflow/jars/scala-workflow/user/stranger-data/master/22222222/2.jar"), "com.example.ExampleApp",
                List.of("--date", "${EXECUTION_DATE}", "--udfs",
                        at("s3://dataflow/jars/udfs/user/stranger-data/master/33333333/2.jar"))));
        assertThat(write.conf()).containsEntry("spark.sql.shuffle.partitions", "2");
        assertThat(wap.audits()).extracting(a -> a.function(), a -> a.blocking()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AuditFunction.COLUMNS_SHOULD_NOT_HAVE_NULLS, true),
                org.assertj.core.groups.Tuple.tuple(AuditFunction.ROW_COUNT_SHOULD_BE_BETWEEN, false));
    }

    @Test
    void verifyModeRendersTheReactorsFreshBuild() throws Exception {
        Path jar = Files.write(temp.resolve("scala-workflow-1.0.jar"), new byte[] {7, 7, 7});

        RenderResult result = renderer("feature/x", new PendingAsset(AssetType.JAR, "scala-workflow", jar))
                .render(main).requireValid();

        assertThat(result.renderedText()).contains(
                at("jar: s3://dataflow/jars/scala-workflow/user/stranger-data/feature-x/39206ee8/1.jar   # newest build"));
        assertThat(result.assets().get(0)).isInstanceOfSatisfying(ResolvedAsset.Pending.class,
                pending -> assertThat(pending.asset().file()).isEqualTo(jar));
        assertThatThrownBy(result::deployedBuilds).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("dataflow.jar.scala-workflow.user.stranger-data.feature-x.39206ee8.1 is not deployed yet");
    }

    @Test
    void dailyWorkflowWithForeachAndSubworkflowRenders() {
        RenderResult result = renderer("master").render(repository.resolve("sample/daily.sch.yaml")).requireValid();

        assertThat(result.renderedText())
                .contains(at("python: s3://dataflow/whls/hello_world/user/stranger-data/master/39206ee8/3.whl"))
                .contains("date: ${DATES}");
        Workflow daily = result.parsed().workflow();
        assertThat(daily.trigger().cron()).isEqualTo("0 2 * * *");
        Step.Foreach loop = (Step.Foreach) daily.jobs().get(0);
        assertThat(loop.params()).containsEntry("date", "${DATES}");
        assertThat(loop.dag()).extracting(Workflow.Edge::toString).containsExactly("run_main -> check");
        assertThat(loop.jobs().get(0)).isEqualTo(new Step.Subworkflow("run_main", "stranger-data.sample.main",
                Map.of("EXECUTION_DATE", "${date}"), new SourcePosition(daily.position().file(), 20, 15)));
        assertThat(daily.allSteps()).extracting(Step::id).containsExactly("catch_up", "run_main", "check", "done");
        assertThat(daily.params().get("DATES").value()).isEqualTo(List.of("20220101", "20220102"));
    }

    @Test
    void writesTheRenderedFileUnderItsModuleRelativeName() throws Exception {
        RenderResult result = renderer("master").render(main);
        Path out = temp.resolve("module/target/dataflow");

        Path written = result.writeTo(out, WorkflowDiscovery.renderedFileName(repository, main));

        assertThat(written).isEqualTo(out.resolve("sample.main.sch.rendered.yaml"));
        assertThat(Files.readString(written)).isEqualTo(result.renderedText());
        assertThat(Files.list(out)).containsExactly(written);
    }

    @Test
    void unterminatedReferencesAreReported() throws Exception {
        Path file = Files.writeString(repository.resolve("open.sch.yaml"), """
                Workflow:
                  id: open
                  jobs:
                    - job:
                        id: a
                        type: Spark
                        spark: {script: "$S3{./x.sql", parameters: {A: "${dataflow.sql.x"}}
                """);

        assertThat(renderer("master").render(file).problems()).extracting(Problem::format).containsExactly(
                file + ":7:26: unterminated reference '$S3{./x.sql'; close it with '}'.",
                file + ":7:57: unterminated reference '${dataflow.sql.x'; close it with '}'.");
    }

    @Test
    void secretPlaceholdersPassThroughUntouchedAndMalformedOnesAreReported() throws Exception {
        Path file = Files.writeString(repository.resolve("secret.sch.yaml"), """
                Workflow:
                  id: secret
                  params:
                    DB_PASSWORD: ${secret:DB_PASSWORD}
                  jobs:
                    - job:
                        id: a
                        type: Spark
                        spark:
                          jar: ${dataflow.jar.scala-workflow}
                          main_class: com.example.Job
                          args: ["--user=${secret:db_user}", "--password", "${DB_PASSWORD}"]
                """);

        RenderResult rendered = renderer("master").render(file).requireValid();

        assertThat(rendered.renderedText())
                .contains("DB_PASSWORD: ${secret:DB_PASSWORD}")
                .contains("args: [\"--user=${secret:db_user}\", \"--password\", \"${DB_PASSWORD}\"]")
                .doesNotContain("${dataflow.");

        Files.writeString(file, Files.readString(file).replace("${secret:db_user}", "${secret:db-user}"));
        assertThat(renderer("master").render(file).problems()).extracting(Problem::format).containsExactly(
                file + ":12:26: invalid secret reference '${secret:db-user}'; a secret name must match "
                        + "[A-Za-z_][A-Za-z0-9_]* (it is also the name of the environment variable that holds it), "
                        + "e.g. ${secret:DB_PASSWORD}.");
    }

    @Test
    void referencesInKeysBlockScalarsAndQuotedScalarsAreRendered() throws Exception {
        Path file = Files.writeString(repository.resolve("forms.sch.yaml"), """
                Workflow:
                  id: forms
                  params:
                    NOTE: |
                      uses ${dataflow.jar.udfs.master.1} and ${dataflow.jar.udfs.master.1}
                    QUOTED: '${dataflow.jar.udfs.master.3}'
                  jobs:
                    - job: {id: a, type: NoOp}
                """);

        RenderResult result = renderer("master").render(file).requireValid();

        assertThat(result.renderedText()).isEqualTo(at("""
                Workflow:
                  id: forms
                  params:
                    NOTE: |
                      uses s3://dataflow/jars/udfs/user/stranger-data/master/33333333/1.jar and s3://dataflow/jars/udfs/user/stranger-data/master/33333333/1.jar
                    QUOTED: 's3://dataflow/jars/udfs/user/stranger-data/master/44444444/3.jar'
                  jobs:
                    - job: {id: a, type: NoOp}
                """));
        assertThat(result.assets()).hasSize(2);
    }

    /** Expected texts are written against {@code s3://dataflow/}; the test registry lives in a temp directory. */
    private String at(String expected) {
        return expected.replace("s3://dataflow/", registry.locationPrefix());
    }

    @Test
    void anOverriddenDefaultIsReplacedWholeWithoutResolvingItsOldReferences() throws Exception {
        Path file = Files.writeString(repository.resolve("override.sch.yaml"), """
                Workflow:
                  id: override
                  params:
                    JAR: ${dataflow.jar.not-deployed-anywhere}
                    NOTE: "it's ${dataflow.jar.udfs.master.1}"
                  jobs:
                    - job: {id: a, type: NoOp}
                """);

        RenderResult result = renderer("master").render(file, Map.of("JAR", "s3://elsewhere/app.jar", "NOTE", "say \"hi\""))
                .requireValid();

        assertThat(result.renderedText()).isEqualTo("""
                Workflow:
                  id: override
                  params:
                    JAR: "s3://elsewhere/app.jar"
                    NOTE: "say \\"hi\\""
                  jobs:
                    - job: {id: a, type: NoOp}
                """);
        assertThat(result.assets()).isEmpty();
        assertThat(WorkflowParser.parse(file, result.renderedText()).workflow().params().get("NOTE").value())
                .isEqualTo("say \"hi\"");
    }
}
