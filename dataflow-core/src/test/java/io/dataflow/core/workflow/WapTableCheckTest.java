package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.fixtures.ArchetypeSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warning for a wap table no upstream task creates, on the samples' own workflows. */
class WapTableCheckTest {

    @TempDir
    Path temp;

    /** The warnings of the render verify and list run, which reads the upstream SQL through its own references. */
    private static List<Problem> warnings(Path workflowFile) {
        return WorkflowRenderer.renderForListing(workflowFile, workflowFile.getParent()).warnings();
    }

    @Test
    void theSamplesCreateTheirWapTablesUpstream() {
        for (String sample : List.of("sparksql", "scala", "pyspark")) {
            Path project = ArchetypeSample.generate(sample, temp.resolve(sample));
            assertThat(warnings(project.resolve("main.sch.yaml"))).as(sample).isEmpty();
        }
    }

    /** The SparkSQL sample's main workflow whose target table's DDL no longer runs before the template. */
    private Path mainWithoutTargetDdlUpstream() throws Exception {
        Path main = ArchetypeSample.generate("sparksql", temp.resolve("sparksql")).resolve("main.sch.yaml");
        Files.writeString(main, Files.readString(main).replace("- target_ddl -> metadata -> wap -> hwm",
                "- metadata -> wap -> hwm"));
        return main;
    }

    @Test
    void aWapWhoseTableNoUpstreamSqlCreatesIsWarnedAbout() throws Exception {
        Path main = mainWithoutTargetDdlUpstream();

        assertThat(warnings(main)).singleElement().satisfies(warning -> {
            assertThat(warning.file()).isEqualTo(main.toAbsolutePath().normalize());
            assertThat(warning.message()).isEqualTo("wap 'wap' writes table dataflow_sample_jdoe.top_titles, but no"
                    + " task before it creates it (no CREATE TABLE in the SQL of metadata, sample_data, source_ddl);"
                    + " the run fails there unless the table already exists. Create it in a SQL job with an edge to"
                    + " 'wap' in the dag (as the samples' target_ddl does).");
        });
    }

    @Test
    void aJarOrPythonJobUpstreamMightCreateItSoNothingIsSaid() throws Exception {
        Path main = mainWithoutTargetDdlUpstream();
        // source_ddl now runs a JAR, which may create any table.
        String text = Files.readString(main).replace("          script: $S3{./ddl/create_source_table.sql}",
                "          jar: ./ddl.jar\n          main_class: com.example.Ddl");
        Files.writeString(main, text);

        assertThat(warnings(main)).isEmpty();
    }

    @Test
    void theWarningReachesVerifysRender() throws Exception {
        Path main = mainWithoutTargetDdlUpstream();

        RenderResult result = WorkflowRenderer.renderForListing(main, main.getParent());

        assertThat(result.warnings()).extracting(Problem::message)
                .anySatisfy(message -> assertThat(message).startsWith("wap 'wap' writes table"));
    }
}
