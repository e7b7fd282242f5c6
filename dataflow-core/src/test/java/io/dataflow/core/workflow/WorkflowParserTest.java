package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowParserTest {

    private static final Path FILE = Path.of("repo/main.sch.yaml");

    @Test
    void parsesTheSampleIntoTheModelWithPositions() throws Exception {
        Path sample = Path.of(WorkflowParserTest.class.getResource("/workflows/sample/main.sch.yaml").toURI());

        ParsedWorkflow parsed = WorkflowParser.parse(sample);

        assertThat(parsed.problems()).isEmpty();
        Workflow workflow = parsed.workflow();
        assertThat(workflow.id()).isEqualTo("stranger-data.sample.main");
        assertThat(workflow.name()).isEqualTo("Dataflow sample (main)");
        assertThat(workflow.params().keySet())
                .containsExactly("CATALOG", "TARGET_DB", "TARGET_TABLE", "EXECUTION_DATE", "EXECUTION_TIMEZONE");
        assertThat(workflow.params().get("EXECUTION_DATE").value()).isEqualTo("20220101");
        assertThat(workflow.params().get("EXECUTION_TIMEZONE").value()).isNull();
        assertThat(workflow.dag()).extracting(Workflow.Edge::toString)
                .containsExactly("ddl -> metadata", "metadata -> wap", "wap -> hwm");
        assertThat(workflow.dag().get(1).position()).isEqualTo(new SourcePosition(sample, 13, 7));
        assertThat(workflow.jobs()).extracting(Step::id).containsExactly("ddl", "metadata", "wap", "hwm");

        Step.SparkJob ddl = (Step.SparkJob) workflow.jobs().get(0);
        assertThat(ddl.program()).isEqualTo(new SparkProgram.SqlScript("$S3{./ddl/dataflow_sparksql_sample.sql}"));
        assertThat(ddl.parameters()).isEqualTo(Map.of("TARGET_DB", "${TARGET_DB}"));
        assertThat(ddl.position()).isEqualTo(new SourcePosition(sample, 17, 9));

        assertThat(workflow.jobs().get(1)).isEqualTo(new Step.MetadataJob("metadata",
                List.of("${CATALOG}/${TARGET_DB}/${TARGET_TABLE}"), "${username}", List.of("dataflow", "sample"), 123,
                Map.of("date", "pk", "country_code", "pk"), new SourcePosition(sample, 24, 9)));
        assertThat(workflow.jobs().get(3)).isEqualTo(new Step.HwmJob("hwm", "${CATALOG}/${TARGET_DB}/${TARGET_TABLE}",
                "${EXECUTION_DATE}", "${EXECUTION_TIMEZONE}", new SourcePosition(sample, 64, 9)));
        Step.WapTemplate wap = (Step.WapTemplate) workflow.jobs().get(2);
        assertThat(wap.audits().get(1).params()).containsEntry("min", "1").containsEntry("max", "20000");
        assertThat(workflow.allSteps()).extracting(Step::id).containsExactly("ddl", "metadata", "wap", "write", "hwm");
    }

    @Test
    void valuesStayTextSoNothingIsConvertedBehindTheUsersBack() {
        ParsedWorkflow parsed = WorkflowParser.parse(FILE, """
                Workflow:
                  id: text
                  params:
                    DAY: 2024-01-01
                    RATIO: 1.50
                    FLAG: yes
                  jobs:
                    - job: {id: a, type: NoOp}
                """);

        assertThat(parsed.workflow().params().values()).extracting(Workflow.Param::value)
                .containsExactly("2024-01-01", "1.50", "yes");
    }

    @Test
    void pythonWheelNeedsAnEntryButAScriptDoesNot() {
        ParsedWorkflow parsed = WorkflowParser.parse(FILE, """
                Workflow:
                  id: py
                  jobs:
                    - job: {id: script, type: Spark, spark: {python: ./job.py}}
                    - job: {id: wheel, type: Spark, spark: {python: "${dataflow.whl.hello_world}"}}
                """);

        assertThat(((Step.SparkJob) parsed.workflow().jobs().get(0)).program())
                .isEqualTo(new SparkProgram.PythonProgram("./job.py", null, List.of()));
        assertThat(parsed.problems()).extracting(Problem::format).containsExactly(
                FILE + ":5:44: job 'wheel' spark is missing required field 'entry'; add 'entry: <value>'.");
    }
}
