package io.dataflow.contract.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTaskTest {

    @Test
    void withDependsOnChangesOnlyTheDependenciesOfEveryKind() {
        List<PlanTask> tasks = List.of(
                new PlanTask.Sql("a", List.of("x"), "a.sql", Map.of("P", ""), Map.of("c", "1")),
                new PlanTask.Jar("b", List.of("x"), "b.jar", "B", List.of("--x"), Map.of("c", "1")),
                new PlanTask.Python("c", List.of("x"), "c.whl", "c.main", List.of("1"), Map.of()),
                new PlanTask.Metadata("d", List.of("x"), List.of("db.t"), "c", "o", List.of("t"), 1, Map.of("id", "pk"),
                        Map.of("id", "i"), Map.of("k", "v")),
                new PlanTask.Hwm("e", List.of("x"), "db.t", "2024-01-01", "UTC"),
                new PlanTask.Wap("f", List.of("x"), List.of("db.t"), List.of(new PlanTask.Noop("w", null)),
                        List.of(new PlanTask.Audit("table_should_not_be_empty", false, Map.of()))),
                new PlanTask.Noop("g", List.of("x")));

        for (PlanTask task : tasks) {
            PlanTask moved = task.withDependsOn(List.of("y", "z"));

            assertThat(moved.dependsOn()).containsExactly("y", "z");
            assertThat(moved.withDependsOn(List.of("x"))).isEqualTo(task);
            assertThat(moved.kind()).isEqualTo(task.kind());
        }
    }
}
