package io.dataflow.bench;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.JarSource;
import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.CountingStore;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import io.dataflow.core.registry.S3ProxyServer;
import io.dataflow.core.release.HistoryReport;
import io.dataflow.core.release.HistorySeeder;
import io.dataflow.core.release.RollbackResult;
import io.dataflow.core.release.WorkflowReleases;
import io.dataflow.core.run.RunRequest;
import io.dataflow.core.run.WorkflowRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Cost of deploy, run planning, history (first page) and rollback with 10 and with 10,000 past activations of the
 * workflow, on one local S3Proxy process: requests sent (counted by a {@link CountingStore} in front of the real S3
 * store; a listing counts one request per page of 1,000 keys) and wall time, each measured in a fresh engine as in a
 * new {@code mvn} invocation.
 *
 * <p>Each registry gets 3 real deploys of a small project (a JAR asset and a workflow referencing it), then enough
 * copies of the newest version to have half as many versions as activations, then rollbacks alternating between
 * the two newest versions up to the number of activations. Usage: {@code java -cp
 * bench/target/dataflow-bench.jar io.dataflow.bench.ReleaseHistoryBenchmark [rounds=3] [large=10000]}; after one
 * untimed warm-up round the two registries are measured in turns, and the medians of the rounds are reported, with
 * the ratio large/small per operation.
 */
public final class ReleaseHistoryBenchmark {

    private static final String WORKFLOW = "bench.main";
    private static final int REAL_DEPLOYS = 3;
    private static final List<String> OPERATIONS = List.of("deploy", "run plan", "history", "rollback");

    private ReleaseHistoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int small = 10;
        BenchSupport.locateS3Proxy();
        Path work = Files.createTempDirectory("dataflow-history-bench-");
        try (S3ProxyServer server = S3ProxyServer.start(work.resolve("s3proxy"))) {
            server.createBucket(S3ProxyServer.BUCKET);
            try (Registry smallRegistry = Registry.seed(server, work.resolve("small"), small);
                    Registry largeRegistry = Registry.seed(server, work.resolve("large"), large)) {
                // Round 0 warms the JVM up and is not reported; then the two registries take turns, so that both see
                // the same machine load.
                for (int round = 0; round <= rounds; round++) {
                    smallRegistry.round(round);
                    largeRegistry.round(round);
                }
                report(small, smallRegistry.costs(), large, largeRegistry.costs());
            }
        }
    }

    private static void report(int small, Map<String, Cost> smallCosts, int large, Map<String, Cost> largeCosts) {
        System.out.printf(Locale.ROOT, "%n%-10s %14s %14s %7s %12s %12s %7s%n", "operation",
                "requests@" + small, "requests@" + large, "ratio", "time@" + small, "time@" + large, "ratio");
        boolean within = true;
        for (String operation : OPERATIONS) {
            Cost a = smallCosts.get(operation);
            Cost b = largeCosts.get(operation);
            double requestRatio = (double) b.requests() / a.requests();
            double timeRatio = b.seconds() / a.seconds();
            within &= requestRatio <= 2 && timeRatio <= 2;
            System.out.printf(Locale.ROOT, "%-10s %14d %14d %7.2f %11.3fs %11.3fs %7.2f%n", operation,
                    a.requests(), b.requests(), requestRatio, a.seconds(), b.seconds(), timeRatio);
        }
        System.out.println(within ? "Every operation with " + large + " activations costs at most 2x the " + small
                + " case." : "Some operation with " + large + " activations costs more than 2x the " + small + " case.");
    }

    /** @param requests requests sent (median over the rounds) @param seconds wall time (median over the rounds) */
    private record Cost(long requests, double seconds) {}

    /** One registry with its project and its history, measured round after round. */
    private static final class Registry implements AutoCloseable {

        private final int activations;
        private final Path work;
        private final Project project;
        private final ObjectStore store;
        private final Map<String, List<Long>> requests = new LinkedHashMap<>();
        private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
        private final Map<String, String> detail = new LinkedHashMap<>();

        private Registry(int activations, Path work, Project project, ObjectStore store) {
            this.activations = activations;
            this.work = work;
            this.project = project;
            this.store = store;
        }

        static Registry seed(S3ProxyServer server, Path work, int activations) throws Exception {
            String registry = "s3://" + S3ProxyServer.BUCKET + "/history-" + activations;
            Registry seeded = new Registry(activations, work, Project.create(work.resolve("repo")),
                    ObjectStores.open(server.settings(registry)));
            long start = System.nanoTime();
            for (int i = 1; i <= REAL_DEPLOYS; i++) {
                seeded.project.change("deploy " + i);
                deploy(seeded.store, seeded.project);
            }
            int versions = Math.max(REAL_DEPLOYS, activations / 2);
            int newest = HistorySeeder.copiesOfVersion(seeded.store, WORKFLOW, REAL_DEPLOYS, versions - REAL_DEPLOYS);
            // Ends on the newest version, so that it is active.
            HistorySeeder.alternatingRollbacks(seeded.store, WORKFLOW, newest - 1, newest, activations - REAL_DEPLOYS,
                    seeded.project.head(), Instant.now());
            System.out.printf(Locale.ROOT, "Seeded %,d activations and %,d versions of %s in %s in %.1f s.%n",
                    activations, versions, WORKFLOW, registry, (System.nanoTime() - start) / 1e9);
            return seeded;
        }

        /** A deploy of a new commit, a run plan of the active version, history, a default rollback. */
        void round(int round) throws Exception {
            project.change("round " + round);
            CountingStore counting = new CountingStore(store);
            record("deploy", counting, () -> deploy(counting, project));
            record("run plan", counting, () -> new WorkflowRuns(counting, DataflowLog.SILENT)
                    .prepare(RunRequest.of(WORKFLOW).withRunsDirectory(work.resolve("runs"))
                            .withWarehouse(work.resolve("warehouse").toString())));
            record("history", counting, () -> {
                HistoryReport history = new WorkflowReleases(counting, DataflowLog.SILENT).history(WORKFLOW);
                if (history.versions().isEmpty()) {
                    throw new IllegalStateException("History shows no version");
                }
            });
            record("rollback", counting, () -> {
                RollbackResult result = new WorkflowReleases(counting, DataflowLog.SILENT)
                        .rollback(WORKFLOW, null, "bench", Instant.now());
                if (!result.changed()) {
                    throw new IllegalStateException("Rollback changed nothing: " + result.line());
                }
            });
            if (round == 0) {
                requests.clear();
                seconds.clear();
                return;
            }
            System.out.printf(Locale.ROOT, "%,d activations, round %d: %s%n", activations, round,
                    OPERATIONS.stream().map(operation -> String.format(Locale.ROOT, "%s %d requests %.3f s %s",
                            operation, last(requests.get(operation)), last(seconds.get(operation)),
                            detail.get(operation))).reduce((a, b) -> a + ", " + b).orElse(""));
        }

        Map<String, Cost> costs() {
            Map<String, Cost> costs = new LinkedHashMap<>();
            for (String operation : OPERATIONS) {
                costs.put(operation, new Cost(Math.round(BenchSupport.median(requests.get(operation).stream()
                        .map(Long::doubleValue).toList())), BenchSupport.median(seconds.get(operation))));
            }
            return costs;
        }

        private void record(String operation, CountingStore counting, BenchSupport.Action action) throws Exception {
            counting.reset();
            double elapsed = BenchSupport.time(action);
            requests.computeIfAbsent(operation, name -> new ArrayList<>()).add(counting.total());
            seconds.computeIfAbsent(operation, name -> new ArrayList<>()).add(elapsed);
            // Where the time went: requests and milliseconds per kind of request.
            StringBuilder where = new StringBuilder("(");
            counting.counts().forEach((kind, count) -> where.append(where.length() > 1 ? " " : "").append(kind)
                    .append(' ').append(count).append('/').append(String.format(Locale.ROOT, "%.0fms",
                            counting.millis().get(kind))));
            detail.put(operation, where.append(')').toString());
        }

        @Override
        public void close() {
            store.close();
            project.close();
        }
    }

    private static <T> T last(List<T> values) {
        return values.get(values.size() - 1);
    }

    private static void deploy(ObjectStore store, Project project) {
        new DataflowProject(project.modules(), DataflowLog.SILENT).deploy(store,
                ProjectOptions.defaults().withGit(GitOptions.none()));
    }

    /** A git repository with a JAR module {@code jobs} and a workflow referencing it, in the reactor's shape. */
    private record Project(Git git, Path root) implements AutoCloseable {

        static Project create(Path root) throws Exception {
            Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Bench");
            config.setString("user", null, "email", "bench@example.com");
            config.setBoolean("commit", null, "gpgsign", false);
            config.setString("remote", "origin", "url", "git@github.com:bench/history.git");
            config.save();
            Files.writeString(root.resolve(".gitignore"), "target/\n");
            Files.createDirectories(root.resolve("flows"));
            Files.writeString(root.resolve("flows/main.sch.yaml"), """
                    Workflow:
                      id: bench.main
                      jobs:
                        - job:
                            id: write
                            type: Spark
                            spark:
                              jar: ${dataflow.jar.bench-jobs}
                              main_class: com.example.App
                    """);
            return new Project(git, root);
        }

        /** A new commit whose JAR has new bytes. */
        void change(String content) throws Exception {
            Path jar = root.resolve("jobs/target/jobs.jar");
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "jar bytes, " + content);
            Files.writeString(root.resolve("jobs/version.txt"), content);
            git.add().addFilepattern(".").call();
            git.commit().setMessage(content).setSign(false).call();
        }

        String head() throws Exception {
            return git.getRepository().resolve("HEAD").name();
        }

        List<ModuleSources> modules() {
            return List.of(ModuleSources.of("history", root).withSubModules(List.of(root.resolve("jobs"),
                            root.resolve("flows"))),
                    ModuleSources.of("jobs", root.resolve("jobs")).withJar(new JarSource("bench-jobs",
                            root.resolve("jobs/target/jobs.jar"), "io.example:jobs:1.0")),
                    ModuleSources.of("flows", root.resolve("flows")));
        }

        @Override
        public void close() {
            git.close();
        }
    }
}
