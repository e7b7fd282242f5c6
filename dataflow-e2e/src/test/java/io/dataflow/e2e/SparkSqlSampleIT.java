package io.dataflow.e2e;

import static io.dataflow.e2e.SampleWorkspace.fileSha256;
import static io.dataflow.e2e.SampleWorkspace.sha256;
import static io.dataflow.e2e.SampleWorkspace.writtenRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Spark SQL sample through the whole journey, with real Maven, Spark and Iceberg: generate, deploy, run a date,
 * change the transformation, deploy and run again, roll back and run again. The last run must use exactly the bytes
 * of the first version.
 */
class SparkSqlSampleIT {

    private static final String WORKFLOW = "e2e.sql-titles";
    private static final String MAIN = WORKFLOW + ".main";
    private static final String TRANSFORMATION = "src/main/sql/top_titles_write.sql";
    private static final String DATE = "2024-03-01";

    @Test
    void deployRunChangeRollBackRunsTheFirstVersionsBytesAgain() throws Exception {
        SampleWorkspace workspace = SampleWorkspace.create("sparksql");
        Path project = workspace.generate("dataflow-archetype-sparksql", "sql-titles",
                "-Dpackage=com.example.e2e.titles", "-DworkflowId=" + WORKFLOW, "-Dusername=e2e_sql");
        SampleWorkspace.initGit(project, "sql-titles");
        Path sql = project.resolve(TRANSFORMATION);
        String firstSha256 = sha256(sql);

        // The samples' own unit tests are run by the archetype ITs; here the deploy is what is tested.
        String deploy = workspace.maven.succeed(project, "deploy", "-DskipTests");
        assertThat(deploy).contains("-> ./main.sch.yaml… DEPLOYED AS " + MAIN + " version 1");

        // The rendered workflow points at the registry copy of the transformation, which holds the same bytes.
        String location = workspace.registryUri() + "/files/" + firstSha256 + "/top_titles_write.sql";
        assertThat(project.resolve("target/dataflow/main.sch.rendered.yaml")).content(StandardCharsets.UTF_8)
                .contains("script: " + location)
                .doesNotContain("$S3{");
        assertThat(sha256(workspace.registry.resolve("files/" + firstSha256 + "/top_titles_write.sql")))
                .isEqualTo(firstSha256);
        // The DAG picture drawn beside the rendered file is the one version 1's bundle keeps.
        Path picture = project.resolve("target/dataflow/main.svg");
        assertThat(picture).content(StandardCharsets.UTF_8).contains(MAIN, "data-step=\"source_ddl\"",
                "data-step=\"write\"", "data-step=\"wap\"", "data-step=\"hwm\"");
        assertThat(workspace.registry.resolve("workflows/" + MAIN + "/versions/1/workflow.svg"))
                .hasSameBinaryContentAs(picture);

        // main creates and fills the source table (190 countries x 150 titles) and keeps the top 100 per country.
        JsonNode first = workspace.run(project, MAIN, DATE);
        assertThat(first.path("version").asInt()).isEqualTo(1);
        assertThat(writtenRows(first)).isBetween(19_000L, 19_100L);
        assertThat(fileSha256(first, TRANSFORMATION)).isEqualTo(firstSha256);
        String firstDigest = first.path("bundleDigest").asText();
        assertThat(firstDigest).startsWith("sha256:");

        // A changed transformation: the top 50 only.
        String topHundred = Files.readString(sql, StandardCharsets.UTF_8);
        assertThat(topHundred).contains("WHERE title_rank <= 100");
        Files.writeString(sql, topHundred.replace("WHERE title_rank <= 100", "WHERE title_rank <= 50"),
                StandardCharsets.UTF_8);
        SampleWorkspace.commit(project, "Keep the top 50 titles");
        String secondSha256 = sha256(sql);
        assertThat(workspace.maven.succeed(project, "deploy", "-DskipTests"))
                .contains("-> ./main.sch.yaml… DEPLOYED AS " + MAIN + " version 2");

        JsonNode second = workspace.run(project, MAIN, DATE);
        assertThat(second.path("version").asInt()).isEqualTo(2);
        assertThat(writtenRows(second)).isBetween(9_500L, 9_600L);
        assertThat(fileSha256(second, TRANSFORMATION)).isEqualTo(secondSha256);
        assertThat(second.path("bundleDigest").asText()).isNotEqualTo(firstDigest);

        // Roll back (default: the previously active version), no rebuild; the run uses version 1's bundle again.
        assertThat(workspace.maven.succeed(project, "dataflow:rollback", "-Ddataflow.workflow=" + MAIN))
                .contains("ROLLED BACK " + MAIN + " to version 1 (was version 2)");
        JsonNode last = workspace.run(project, MAIN, DATE);
        assertThat(last.path("version").asInt()).isEqualTo(1);
        assertThat(last.path("bundleDigest").asText()).isEqualTo(firstDigest);
        assertThat(fileSha256(last, TRANSFORMATION)).isEqualTo(firstSha256);
        assertThat(writtenRows(last)).isEqualTo(writtenRows(first));
    }
}
