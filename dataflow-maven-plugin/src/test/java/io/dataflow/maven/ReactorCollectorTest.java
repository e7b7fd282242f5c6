package io.dataflow.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.project.ModuleSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReactorCollectorTest {

    private static final List<String> ORDER = List.of("root", "a", "b", "c");

    @Test
    void theLastModuleToReportTakesEveryContributionInReactorOrder() {
        ReactorCollector collector = new ReactorCollector();
        Set<String> expected = Set.copyOf(ORDER);

        assertThat(collector.reportAndTakeWhenComplete("c", module("c"), expected, ORDER)).isEmpty();
        assertThat(collector.reportAndTakeWhenComplete("a", module("a"), expected, ORDER)).isEmpty();
        assertThat(collector.reportAndTakeWhenComplete("b", Optional.empty(), expected, ORDER)).isEmpty();
        Optional<List<ModuleSources>> all = collector.reportAndTakeWhenComplete("root", module("root"), expected, ORDER);

        assertThat(all).hasValueSatisfying(modules ->
                assertThat(modules).extracting(ModuleSources::name).containsExactly("root", "a", "c"));
        // Handed out once only.
        assertThat(collector.reportAndTakeWhenComplete("root", module("root"), expected, ORDER)).isEmpty();
    }

    @Test
    void takingAllGivesTheReportsInReactorOrderOnceAndTheNextGoalCollectsAnew() {
        ReactorCollector collector = new ReactorCollector();
        collector.report("b", module("b"));
        collector.report("root", module("root"));
        collector.report("a", Optional.empty());

        assertThat(collector.takeAll(ORDER)).extracting(ModuleSources::name).containsExactly("root", "b");
        assertThat(collector.takeAll(ORDER)).isEmpty();
        collector.report("c", module("c"));
        assertThat(collector.takeAll(ORDER)).extracting(ModuleSources::name).containsExactly("c");
    }

    @Test
    void inParallelExactlyOneModuleActs() throws Exception {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            order.add("m" + i);
        }
        ReactorCollector collector = new ReactorCollector();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<List<ModuleSources>>>> results = new ArrayList<>();
            for (String id : order) {
                results.add(pool.submit(() -> collector.reportAndTakeWhenComplete(id, module(id), Set.copyOf(order), order)));
            }
            List<List<ModuleSources>> taken = new ArrayList<>();
            for (Future<Optional<List<ModuleSources>>> result : results) {
                result.get().ifPresent(taken::add);
            }
            assertThat(taken).hasSize(1);
            assertThat(taken.get(0)).extracting(ModuleSources::name).containsExactlyElementsOf(order);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Optional<ModuleSources> module(String name) {
        return Optional.of(ModuleSources.of(name, Path.of("/tmp/reactor", name)));
    }
}
