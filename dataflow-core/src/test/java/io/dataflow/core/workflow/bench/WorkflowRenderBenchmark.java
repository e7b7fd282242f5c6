package io.dataflow.core.workflow.bench;

import io.dataflow.core.identity.GitState;
import io.dataflow.core.workflow.ReferenceResolver;
import io.dataflow.core.workflow.RenderResult;
import io.dataflow.core.workflow.WorkflowDiscovery;
import io.dataflow.core.workflow.WorkflowRenderer;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One side of the workflow render benchmark, run in a fresh JVM by {@link WorkflowRenderBenchmarkTest} so that
 * its first pass is truly cold (no class of the workflow engine or SnakeYAML loaded, nothing compiled).
 *
 * <p>{@code render DIR PASSES}: discover + parse + validate + render every workflow of DIR, as a build does.
 * {@code compose DIR PASSES}: the baseline, list the same files, read them and compose them with plain SnakeYAML.
 * Each pass prints one line: {@code PASS <mode> <pass> <wall ns> <main thread CPU ns> <process CPU ns>
 * <bytes allocated by the main thread> <files>}.
 */
public final class WorkflowRenderBenchmark {

    public static final int WORKFLOWS = 1_000;
    public static final int REFERENCES = 10;
    static final int NAMESPACES = 100;
    static final int BUILDS_PER_NAMESPACE = 100;

    private WorkflowRenderBenchmark() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path repository = Path.of(args[1]);
        int passes = Integer.parseInt(args[2]);
        Pass pass = switch (mode) {
            case "render" -> renderPass(repository);
            case "compose" -> WorkflowRenderBenchmark::composePass;
            default -> throw new IllegalArgumentException("mode is render or compose, not " + mode);
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long thread = Thread.currentThread().getId();
        settle(os);
        for (int i = 1; i <= passes; i++) {
            long allocated = threads.getThreadAllocatedBytes(thread);
            long processCpu = os.getProcessCpuTime();
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            int files = pass.run(repository);
            long wall = System.nanoTime() - start;
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            processCpu = os.getProcessCpuTime() - processCpu;
            allocated = threads.getThreadAllocatedBytes(thread) - allocated;
            System.out.printf(Locale.ROOT, "PASS %s %d %d %d %d %d %d%n", mode, i, wall, cpu, processCpu, allocated, files);
        }
    }

    /**
     * Waits until the JVM is idle: JVM start-up, and on the render side building the stand-in catalog (10,000
     * formatted and parsed ids), leave methods queued for the JIT compiler, about 170 ms of CPU that would otherwise
     * be billed to the first pass. Both sides wait the same way, at most five seconds.
     */
    private static void settle(com.sun.management.OperatingSystemMXBean os) throws InterruptedException {
        long before = os.getProcessCpuTime();
        for (int i = 0; i < 25; i++) {
            Thread.sleep(200);
            long now = os.getProcessCpuTime();
            if (now - before < 5_000_000) {
                return;
            }
            before = now;
        }
    }

    private interface Pass {
        int run(Path repository) throws IOException;
    }

    /** The catalog is built before the clock starts: it stands in for the registry, which is not measured here. */
    private static Pass renderPass(Path repository) {
        InMemoryAssetCatalog catalog = new InMemoryAssetCatalog();
        for (int ns = 0; ns < NAMESPACES; ns++) {
            for (int build = 1; build <= BUILDS_PER_NAMESPACE; build++) {
                catalog.add(uuid(ns, build));
            }
        }
        GitState git = new GitState(repository, "user", "repo", "master", "39206ee8".repeat(5), false, null, "master");
        return dir -> {
            List<Path> discovered = WorkflowDiscovery.find(dir, List.of());
            ReferenceResolver resolver = new ReferenceResolver(catalog, List.of(), git, key -> "s3://dataflow/" + key);
            WorkflowRenderer renderer = new WorkflowRenderer(resolver, dir);
            long references = 0;
            for (Path file : discovered) {
                RenderResult result = renderer.render(file).requireValid();
                references += result.assets().size() + result.files().size();
            }
            if (references != (long) discovered.size() * REFERENCES) {
                throw new IllegalStateException(references + " references resolved, expected " + REFERENCES + " per file");
            }
            return discovered.size();
        };
    }

    private static int composePass(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "*" + WorkflowDiscovery.SUFFIX)) {
            listing.forEach(files::add);
        }
        files.sort(null);
        Yaml plainYaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Path file : files) {
            if (plainYaml.compose(new StringReader(Files.readString(file))) == null) {
                throw new IllegalStateException("nothing composed from " + file);
            }
        }
        return files.size();
    }

    /** Writes the benchmark's repository: {@link #WORKFLOWS} workflows and the SQL file they all bundle. */
    public static void writeRepository(Path repository) throws IOException {
        Files.createDirectories(repository.resolve("ddl"));
        Files.writeString(repository.resolve("ddl/create.sql"), "CREATE TABLE IF NOT EXISTS ${TARGET_DB}.t (id INT);\n");
        for (int i = 0; i < WORKFLOWS; i++) {
            Files.writeString(repository.resolve("wf" + i + WorkflowDiscovery.SUFFIX), workflow(i));
        }
    }

    private static String uuid(int ns, int build) {
        return String.format(Locale.ROOT, "dataflow.jar.ns%03d.user.repo.master.%08x.%d", ns, 0x1000 + build, build);
    }

    /** Ten references: latest, branch, branch + build and full UUID forms over varied namespaces, one file. */
    private static String workflow(int i) {
        StringBuilder jobs = new StringBuilder();
        StringBuilder dag = new StringBuilder();
        for (int j = 0; j < REFERENCES - 1; j++) {
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
