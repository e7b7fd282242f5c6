package io.dataflow.contract.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanSecretsTest {

    private static final String PASSWORD = "pa$$w0rd-\"quoted\"";
    private static final PlanSecrets SECRETS = PlanSecrets.fromEnvironment(Map.of(PlanSecrets.ENVIRONMENT_VARIABLE,
            "{\"${secret:DB_PASSWORD}\": \"pa$$w0rd-\\\"quoted\\\"\", \"${secret:USER}\": \"etl\"}"));

    @TempDir
    Path dir;

    @Test
    void thePlanInMemoryGetsTheValuesWhileTheFileKeepsThePlaceholders() throws Exception {
        Path planFile = dir.resolve("plan.json");
        Files.writeString(planFile, """
                {"formatVersion": 1, "runId": "r1", "tasks": [
                  {"kind": "jar", "id": "write", "jar": "job.jar", "mainClass": "Job",
                   "args": ["--password=${secret:DB_PASSWORD}", "--user", "${secret:USER}", "${secret:OTHER}"],
                   "conf": {"spark.x": "${secret:USER}"}},
                  {"kind": "sql", "id": "ddl", "file": "a.sql", "params": {"DB": "db_${secret:USER}"}}]}
                """);

        RunPlan plan = RunJson.readPlan(planFile, SECRETS);

        PlanTask.Jar jar = (PlanTask.Jar) plan.tasks().get(0);
        assertThat(jar.args()).containsExactly("--password=" + PASSWORD, "--user", "etl", "${secret:OTHER}");
        assertThat(jar.conf()).containsEntry("spark.x", "etl");
        assertThat(((PlanTask.Sql) plan.tasks().get(1)).params()).containsEntry("DB", "db_etl");
        assertThat(planFile).content().doesNotContain(PASSWORD);
        assertThat(RunJson.readPlan(planFile).tasks().get(0)).isInstanceOfSatisfying(PlanTask.Jar.class,
                unresolved -> assertThat(unresolved.args()).contains("--password=${secret:DB_PASSWORD}"));
    }

    @Test
    void theResultShowsPlaceholdersInsteadOfValues() throws Exception {
        Path resultFile = dir.resolve("result.json");
        RunResult result = new RunResult(1, "r1", null, null, TaskStatus.FAILED, true, "t0", "t1", 1, "4.1.3",
                "statement failed near '" + PASSWORD + "' for etl", List.of());

        RunJson.writeResult(result, resultFile, SECRETS);

        assertThat(resultFile).content().doesNotContain("w0rd")
                .contains("near '${secret:DB_PASSWORD}' for ${secret:USER}");
    }

    @Test
    void printedLinesAreScrubbedEvenWhenAValueIsPrintedInPieces() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(bytes, true, Charset.defaultCharset());
        PrintStream scrubbed = SECRETS.scrubbing(target);

        scrubbed.println("user etl connects");
        scrubbed.print("password pa$$w0");
        scrubbed.flush();
        scrubbed.print("rd-\"quoted\" and no end of line");
        scrubbed.close();

        assertThat(bytes.toString(Charset.defaultCharset())).isEqualTo("user ${secret:USER} connects"
                + System.lineSeparator() + "password ${secret:DB_PASSWORD} and no end of line");
    }

    @Test
    void withoutSecretsNothingIsWrappedOrChanged() {
        PlanSecrets none = PlanSecrets.fromEnvironment(Map.of());
        PrintStream out = System.out;

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.scrubbing(out)).isSameAs(out);
        assertThat(none.scrub("etl")).isEqualTo("etl");
    }

    @Test
    void aBrokenVariableIsAnInvalidPlanWhoseMessageQuotesNoValue() {
        assertThatThrownBy(() -> PlanSecrets.fromEnvironment(Map.of(PlanSecrets.ENVIRONMENT_VARIABLE,
                "{\"${secret:A}\": \"hunter2\" \"${secret:B}\": 1}")))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageStartingWith("DATAFLOW_RUN_SECRETS is not valid JSON (at line 1")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PlanSecrets.fromEnvironment(Map.of(PlanSecrets.ENVIRONMENT_VARIABLE,
                "{\"${secret:B}\": 1}")))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("DATAFLOW_RUN_SECRETS: the value of ${secret:B} is not a JSON text.");
    }
}
