package io.dataflow.core.workflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.identity.GitState;
import io.dataflow.core.workflow.ReferenceResolver;
import io.dataflow.core.workflow.RenderResult;
import io.dataflow.core.workflow.WorkflowDiscovery;
import io.dataflow.core.workflow.WorkflowRenderer;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * How much time rendering and validating adds to a build: 1,000 workflows with 10 references each (all four
 * reference forms plus a bundled file) against a catalog of 10,000 builds. Excluded from the default test run;
 * run it with {@code mvn -pl dataflow-core test -Dgroups=benchmark -DexcludedGroups=none}.
 */
@Tag("benchmark")
class WorkflowRenderBenchmarkTest {

    private static final int WORKFLOWS = 1_000;
    private static final int NAMESPACES = 100;
    private static final int BUILDS_PER_NAMESPACE = 100;

    @TempDir
    Path repository;

    @Test
    void renderAndValidateOneThousandWorkflows() throws Exception {
        InMemoryAssetCatalog catalog = new InMemoryAssetCatalog();
        for (int ns = 0; ns < NAMESPACES; ns++) {
            for (int build = 1; build <= BUILDS_PER_NAMESPACE; build++) {
                catalog.add(uuid(ns, build));
            }
        }
        Files.createDirectories(repository.resolve("ddl"));
        Files.writeString(repository.resolve("ddl/create.sql"), "CREATE TABLE IF NOT EXISTS ${TARGET_DB}.t (id INT);\n");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < WORKFLOWS; i++) {
            files.add(Files.writeString(repository.resolve("wf" + i + ".sch.yaml"), workflow(i)));
        }
        GitState git = new GitState(repository, "user", "repo", "master", "39206ee8".repeat(5), false, null, "master");

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        List<Path> discovered = WorkflowDiscovery.find(repository, List.of());
        ReferenceResolver resolver = new ReferenceResolver(catalog, List.of(), git, key -> "s3://dataflow/" + key);
        WorkflowRenderer renderer = new WorkflowRenderer(resolver, repository);
        long references = 0;
        for (Path file : discovered) {
            RenderResult result = renderer.render(file).requireValid();
            references += result.assets().size() + result.files().size();
        }
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;

        assertThat(discovered).hasSize(WORKFLOWS);
        System.out.printf(Locale.ROOT, "Workflow render benchmark: %d workflows, %d references each, catalog of %d builds%n",
                WORKFLOWS, 10, NAMESPACES * BUILDS_PER_NAMESPACE);
        // CPU time is reported beside wall time: on a shared machine the wall clock mostly measures the neighbours.
        System.out.printf(Locale.ROOT, "  discover + parse + validate + render (cold JVM): wall %.0f ms (%.3f ms per workflow),"
                + " CPU %.0f ms (%.3f ms per workflow); %d assets/files resolved%n",
                elapsed / 1e6, elapsed / 1e6 / WORKFLOWS, cpu / 1e6, cpu / 1e6 / WORKFLOWS, references);
        long warm = System.nanoTime();
        long warmCpuStart = threads.getCurrentThreadCpuTime();
        ReferenceResolver fresh = new ReferenceResolver(catalog, List.of(), git, key -> "s3://dataflow/" + key);
        WorkflowRenderer again = new WorkflowRenderer(fresh, repository);
        files.forEach(file -> again.render(file).requireValid());
        long warmElapsed = System.nanoTime() - warm;
        long warmCpu = threads.getCurrentThreadCpuTime() - warmCpuStart;
        System.out.printf(Locale.ROOT, "  second pass (warm JIT, fresh resolver):           wall %.0f ms (%.3f ms per workflow),"
                + " CPU %.0f ms (%.3f ms per workflow)%n",
                warmElapsed / 1e6, warmElapsed / 1e6 / WORKFLOWS, warmCpu / 1e6, warmCpu / 1e6 / WORKFLOWS);

        // Baseline in the same run: what merely reading and parsing the same files with plain SnakeYAML costs,
        // so the ratio shows what references, validation and rendering add on top.
        long baselineCpuStart = threads.getCurrentThreadCpuTime();
        Yaml plainYaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Path file : files) {
            assertThat(plainYaml.compose(new StringReader(Files.readString(file)))).isNotNull();
        }
        long baselineCpu = threads.getCurrentThreadCpuTime() - baselineCpuStart;
        System.out.printf(Locale.ROOT, "  baseline (read + plain SnakeYAML compose, warm):  CPU %.0f ms; ratio render/baseline %.2f%n",
                baselineCpu / 1e6, (double) warmCpu / baselineCpu);
    }

    private static String uuid(int ns, int build) {
        return String.format(Locale.ROOT, "dataflow.jar.ns%03d.user.repo.master.%08x.%d", ns, 0x1000 + build, build);
    }

    /** Ten references: latest, branch, branch + build and full UUID forms over varied namespaces, one file. */
    private static String workflow(int i) {
        StringBuilder jobs = new StringBuilder();
        StringBuilder dag = new StringBuilder();
        for (int j = 0; j < 9; j++) {
            int ns = (i * 7 + j * 13) % NAMESPACES;
            int build = 1 + (i + j) % BUILDS_PER_NAMESPACE;
            String reference = switch (j % 4) {
                case 0 -> String.format(Locale.ROOT, "ns%03d", ns);
                case 1 -> String.format(Locale.ROOT, "ns%03d.master", ns);
                case 2 -> String.format(Locale.ROOT, "ns%03d.master.%d", ns, build);
                default -> uuid(ns, build).substring("dataflow.jar.".length());
            };
            jobs.append("""
                        - job:
                            id: step%d
                            type: Spark
                            spark:
                              jar: ${dataflow.jar.%s}
                              main_class: com.example.Job%d
                              parameters:
                                TARGET_DB: ${TARGET_DB}
                    """.formatted(j, reference, j));
            if (j > 0) {
                dag.append("    - step").append(j - 1).append(" -> step").append(j).append('\n');
            }
        }
        return """
                # generated workflow %d
                Workflow:
                  id: bench.workflow%d
                  params:
                    TARGET_DB: sandbox
                  dag:
                %s    - ddl -> step0
                  jobs:
                    - job:
                        id: ddl
                        type: Spark
                        spark:
                          script: $S3{./ddl/create.sql}
                %s""".formatted(i, i, dag, jobs);
    }
}
