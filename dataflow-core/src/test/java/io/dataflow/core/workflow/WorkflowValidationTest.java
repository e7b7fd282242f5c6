package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One failing fixture per validation rule, each asserting where and what the problem is. */
class WorkflowValidationTest {

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
    private WorkflowRenderer renderer;

    @BeforeEach
    void setUp() throws Exception {
        repository = WorkflowFixtures.copyTo(Files.createDirectories(temp.resolve("repo")));
        ReferenceResolver resolver = new ReferenceResolver(registry.catalog(), List.of(),
                WorkflowFixtures.git(repository, "master"), registry::location);
        renderer = new WorkflowRenderer(resolver, repository);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        yaml-syntax            | 7 | 7  | invalid YAML: while parsing a block mapping: expected <block end>, but found '-'
        unknown-edge           | 4 | 7  | dag edge 'a -> c' names unknown job 'c'; the jobs of the workflow are [a, b]. Fix the id or add the job.
        malformed-edge         | 4 | 7  | malformed dag edge 'a =>b'; write 'a -> b' (or a chain 'a -> b -> c') using job ids.
        cycle                  | 5 | 7  | the dag has a cycle: a -> b -> c -> a; remove one of these edges so the jobs can run in order.
        duplicate-id           | 10 | 18 | duplicate job id 'write' (first used at line 4); every job, template, foreach and subworkflow needs its own id.
        missing-field          | 8 | 11 | job 'write' spark is missing required field 'main_class'; add 'main_class: <value>'.
        spark-two-programs     | 8 | 11 | job 'write' (Spark) needs exactly one of spark.script (SQL file), spark.jar (+ main_class) or spark.python (+ entry for a wheel), found [script, python]; keep the one this job runs.
        unknown-job-type       | 6 | 15 | unknown job type 'spark' in job 'write'; use one of [Spark, Metadata, HWM, NoOp] (types are case-sensitive: write 'Spark').
        unknown-entry-kind     | 4 | 7  | unknown entry kind 'task'; use one of [job, template, foreach, subworkflow].
        unknown-audit          | 12 | 25 | unknown audit function 'columns_should_be_pretty' in template 'wap'; use one of columns_should_not_have_nulls, columns_should_be_unique, row_count_should_be_between, table_should_not_be_empty.
        audit-missing-param    | 12 | 15 | audit row_count_should_be_between in template 'wap' is missing required param 'max'; it needs [table, min, max] under 'params:'.
        wap-branch-conf        | 10 | 15 | template 'wap' write job 'write' spark.conf sets spark.wap.branch, which the wap template sets for its write jobs (each run's own audit branch); remove it.
        malformed-reference    | 8 | 16 | malformed reference ${dataflow.jar.scala-workflow.master.latest}: the build number 'latest' is not a number. Write one of
        unresolvable-reference | 8 | 16 | cannot resolve ${dataflow.jar.nothing-here}: there is no build of jar namespace 'nothing-here' on the current branch 'master'. Deploy the asset first
        escaping-file          | 8 | 19 | file reference $S3{../../outside.sql} points outside the repository
        absolute-file          | 8 | 19 | file reference $S3{/etc/passwd} is absolute; write it relative to the workflow file
        missing-file           | 8 | 19 | file reference $S3{./ddl/nope.sql} names a missing file
        bad-id                 | 2 | 7  | invalid workflow id 'bad id!': it must match [A-Za-z0-9][A-Za-z0-9_.-]{0,127} without '..', e.g. 'stranger-data.sample.main'.
        missing-id             | 2 | 3  | Workflow is missing required field 'id'; add 'id: <value>'.
        duplicate-key          | 5 | 3  | duplicate key 'jobs' (first defined at line 3); remove one of them.
        """)
    void eachRuleReportsFileLineColumnAndFix(String fixture, int line, int column, String message) {
        Path file = repository.resolve("invalid/" + fixture + ".sch.yaml");

        RenderResult result = renderer.render(file);

        assertThat(result.valid()).isFalse();
        assertThat(result.renderedText()).isNull();
        assertThat(result.problems()).anySatisfy(problem -> {
            assertThat(problem.format()).startsWith(file + ":" + line + ":" + column + ": " + message);
        });
    }

    @Test
    void symlinkLeavingTheRepositoryIsRefused() throws Exception {
        Path outside = Files.writeString(temp.resolve("outside.sql"), "SELECT 1;");
        Files.createSymbolicLink(repository.resolve("invalid/link-to-outside.sql"), outside);
        Path file = repository.resolve("invalid/symlink-file.sch.yaml");

        RenderResult result = renderer.render(file);

        assertThat(result.problems()).singleElement().satisfies(problem -> assertThat(problem.format())
                .isEqualTo(file + ":8:19: file reference $S3{./link-to-outside.sql} is a symbolic link to "
                        + outside.toRealPath() + ", outside the repository; copy the file into the repository instead."));
    }

    @Test
    void symlinkInsideTheRepositoryIsFine() throws Exception {
        Files.createSymbolicLink(repository.resolve("invalid/link-to-outside.sql"),
                repository.resolve("sample/ddl/dataflow_sparksql_sample.sql"));

        RenderResult result = renderer.render(repository.resolve("invalid/symlink-file.sch.yaml"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.files()).singleElement().satisfies(f -> assertThat(f.relativePath()).isEqualTo("invalid/link-to-outside.sql"));
    }

    @Test
    void everyProblemOfAFileIsReportedInFileOrder() {
        Path file = repository.resolve("invalid/many-problems.sch.yaml");

        RenderResult result = renderer.render(file);

        assertThat(result.problems()).extracting(Problem::line).containsExactly(4, 7, 11, 16);
        assertThat(result.problems()).extracting(Problem::message).satisfiesExactly(
                m -> assertThat(m).contains("names unknown job 'ghost'"),
                m -> assertThat(m).contains("duplicate job id 'a'"),
                m -> assertThat(m).contains("job 'b' metacat is missing required field 'hwm_datetime'"),
                m -> assertThat(m).contains("malformed reference ${dataflow.sql.}"));
        assertThatThrownBy(result::requireValid)
                .isInstanceOf(WorkflowProblemsException.class)
                .hasMessageStartingWith("4 problems in workflow files; fix each line below")
                .hasMessageContaining("\n  " + file + ":4:7: dag edge 'a -> ghost'");
    }

    @Test
    void nothingIsWrittenForAnInvalidWorkflow() {
        RenderResult result = renderer.render(repository.resolve("invalid/cycle.sch.yaml"));
        Path out = temp.resolve("out");

        assertThatThrownBy(() -> result.writeTo(out, "cycle.sch.rendered.yaml")).isInstanceOf(WorkflowProblemsException.class);
        assertThat(out).doesNotExist();
    }

    @Test
    void missingWorkflowKeyAndEmptyFilesAreExplained() throws Exception {
        Path empty = Files.writeString(repository.resolve("empty.sch.yaml"), "# nothing yet\n");
        Path lower = Files.writeString(repository.resolve("lower.sch.yaml"), "workflow:\n  id: x\n");

        assertThat(renderer.render(empty).problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("a workflow file must be a mapping with one key 'Workflow:'"));
        assertThat(renderer.render(lower).problems()).extracting(Problem::message).containsExactly(
                "unknown top-level key 'workflow'; a workflow file holds only 'Workflow:' (spelled with a capital W).",
                "missing 'Workflow:' mapping; start the file with 'Workflow:' and indent id, params, dag and jobs below it.");
    }

    @Test
    void foreachDagIsItsOwnScopeAndCronIsChecked() throws Exception {
        Path file = Files.writeString(repository.resolve("scope.sch.yaml"), """
                Workflow:
                  id: scope
                  trigger: {cron: "daily"}
                  dag:
                    - loop -> inner
                  jobs:
                    - foreach:
                        id: loop
                        params: {d: "${DATES}"}
                        dag: [inner -> loop]
                        jobs:
                          - job: {id: inner, type: NoOp}
                """);

        assertThat(renderer.render(file).problems()).extracting(Problem::format).containsExactly(
                file + ":3:19: cron expression 'daily' has 1 fields; write 5 to 7 fields, e.g. '0 2 * * *' for daily at 02:00.",
                file + ":5:7: dag edge 'loop -> inner' names unknown job 'inner'; the jobs of the workflow are [loop]. Fix the id or add the job.",
                file + ":10:15: dag edge 'inner -> loop' names unknown job 'loop'; the jobs of foreach 'loop' are [inner]. Fix the id or add the job.");
    }
}
