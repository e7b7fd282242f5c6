package io.dataflow.core.workflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How much time rendering and validating adds to a build: 1,000 workflows with 10 references each (all four
 * reference forms plus a bundled file) against a catalog of 10,000 builds, measured on a cold JVM (the target is
 * one second) and against a same-run baseline, plain SnakeYAML composing the same files, also on a cold JVM. Each
 * side runs in its own fresh JVM, several rounds alternating which goes first; the figures are medians, and CPU
 * time is printed beside wall time because on a shared machine the wall clock mostly measures the neighbours.
 * Excluded from the default test run; run it with
 * {@code mvn -pl dataflow-core test -Dgroups=benchmark -DexcludedGroups=none}.
 */
@Tag("benchmark")
class WorkflowRenderBenchmarkTest {

    private static final int ROUNDS = 5;
    /** The first pass of a fresh JVM is the cold one; the last shows the JIT-compiled steady state. */
    private static final int PASSES = 5;
    private static final double TARGET_COLD_MS = 1_000;

    @TempDir
    Path repository;

    @Test
    void renderAndValidateOneThousandWorkflows() throws Exception {
        WorkflowRenderBenchmark.writeRepository(repository);
        List<Pass> render = new ArrayList<>();
        List<Pass> compose = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            // Alternate the order so that a burst of load from elsewhere does not always hit the same side.
            if (round % 2 == 0) {
                compose.addAll(fork("compose"));
                render.addAll(fork("render"));
            } else {
                render.addAll(fork("render"));
                compose.addAll(fork("compose"));
            }
        }
        assertThat(render).allSatisfy(pass -> assertThat(pass.files()).isEqualTo(WorkflowRenderBenchmark.WORKFLOWS));
        assertThat(compose).allSatisfy(pass -> assertThat(pass.files()).isEqualTo(WorkflowRenderBenchmark.WORKFLOWS));

        System.out.printf(Locale.ROOT, "Workflow render benchmark: %d workflows, %d references each, catalog of %d builds;"
                + " %d rounds, each side in a fresh JVM, medians%n", WorkflowRenderBenchmark.WORKFLOWS,
                WorkflowRenderBenchmark.REFERENCES, WorkflowRenderBenchmark.NAMESPACES * WorkflowRenderBenchmark.BUILDS_PER_NAMESPACE,
                ROUNDS);
        System.out.printf(Locale.ROOT, "  %-58s %8s %9s %12s %13s%n", "", "wall ms", "CPU ms", "process CPU", "KB/workflow");
        print("discover + parse + validate + render, cold (1st pass)", passes(render, 1));
        print("baseline: read + plain SnakeYAML compose, cold (1st pass)", passes(compose, 1));
        print("discover + parse + validate + render, warm (" + PASSES + "th pass)", passes(render, PASSES));
        print("baseline: read + plain SnakeYAML compose, warm (" + PASSES + "th pass)", passes(compose, PASSES));
        for (int pass : new int[] {1, PASSES}) {
            System.out.printf(Locale.ROOT, "  ratio render/baseline, %s: wall %.2f, main-thread CPU %.2f, process CPU %.2f,"
                    + " allocated %.2f (median of the %d same-round ratios)%n", pass == 1 ? "cold" : "warm",
                    ratio(render, compose, pass, Pass::wallMs), ratio(render, compose, pass, Pass::cpuMs),
                    ratio(render, compose, pass, Pass::processCpuMs), ratio(render, compose, pass, Pass::allocatedKb), ROUNDS);
        }
        double coldWall = median(passes(render, 1), Pass::wallMs);
        System.out.printf(Locale.ROOT, "  target: render on a cold JVM within %.0f ms: median wall %.0f ms, main-thread CPU"
                + " %.0f ms (%s on wall time)%n", TARGET_COLD_MS, coldWall, median(passes(render, 1), Pass::cpuMs),
                coldWall <= TARGET_COLD_MS ? "met" : "not met");
    }

    /** One measured pass as a child JVM printed it. */
    record Pass(String mode, int number, double wallMs, double cpuMs, double processCpuMs, double allocatedKb, int files) {

        static Pass parse(String line) {
            String[] f = line.split(" ");
            return new Pass(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]) / 1e6, Long.parseLong(f[4]) / 1e6,
                    Long.parseLong(f[5]) / 1e6, Long.parseLong(f[6]) / 1024.0, Integer.parseInt(f[7]));
        }
    }

    private List<Pass> fork(String mode) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", classpath, WorkflowRenderBenchmark.class.getName(), mode,
                repository.toString(), String.valueOf(PASSES))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("benchmark JVM (%s) output:%n%s", mode, output).isZero();
        List<Pass> passes = output.lines().filter(line -> line.startsWith("PASS ")).map(Pass::parse).toList();
        assertThat(passes).as("passes printed by the benchmark JVM:%n%s", output).hasSize(PASSES);
        return passes;
    }

    private static List<Pass> passes(List<Pass> all, int number) {
        return all.stream().filter(pass -> pass.number() == number).toList();
    }

    private static void print(String what, List<Pass> passes) {
        System.out.printf(Locale.ROOT, "  %-58s %8.0f %9.0f %12.0f %13.1f%n", what, median(passes, Pass::wallMs),
                median(passes, Pass::cpuMs), median(passes, Pass::processCpuMs),
                median(passes, Pass::allocatedKb) / WorkflowRenderBenchmark.WORKFLOWS);
    }

    /** Rounds pair up in order, so each ratio compares two JVMs that ran side by side. */
    private static double ratio(List<Pass> render, List<Pass> compose, int number, ToDoubleFunction<Pass> figure) {
        List<Pass> r = passes(render, number);
        List<Pass> c = passes(compose, number);
        double[] ratios = new double[r.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = figure.applyAsDouble(r.get(i)) / figure.applyAsDouble(c.get(i));
        }
        return median(ratios);
    }

    private static double median(List<Pass> passes, ToDoubleFunction<Pass> figure) {
        return median(passes.stream().mapToDouble(figure).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
