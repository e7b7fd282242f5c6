package io.dataflow.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataflow.contract.run.PlanSecrets;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.workflow.SecretReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ${secret:NAME}} values of one run. The plan keeps the placeholders (it is a file); their values reach
 * the forked runner only through its environment, as one JSON object from placeholder text to value in
 * {@link #ENVIRONMENT_VARIABLE}, and the runner replaces them in memory (docs/running.md).
 */
public final class RunSecrets {

    /** The runner's environment variable holding the secrets: {@code {"${secret:NAME}": "value", …}}. */
    public static final String ENVIRONMENT_VARIABLE = PlanSecrets.ENVIRONMENT_VARIABLE;

    /** Where secret values come from. */
    public interface Source {

        /** The value of the secret {@code name}, if this source has one. */
        Optional<String> value(String name);

        /** How a user gives a secret this source reads, for messages, e.g. {@code an environment variable NAME}. */
        String howToGive(String name);
    }

    private RunSecrets() {}

    /** The names of the secrets a plan uses, in plan order. */
    public static Set<String> names(RunPlan plan) {
        Set<String> names = new LinkedHashSet<>();
        Deque<JsonNode> nodes = new ArrayDeque<>(List.of(Json.mapper().valueToTree(plan)));
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            if (node.isTextual()) {
                names.addAll(SecretReference.namesIn(node.textValue()));
            } else {
                node.forEach(nodes::add);
            }
        }
        return names;
    }

    /**
     * The forked runner's environment for the plan's secrets: nothing when it uses none.
     *
     * @throws InvalidInputException naming every secret without a value and how to give it; nothing has run
     */
    public static Map<String, String> environment(RunPlan plan, Source source) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String name : names(plan)) {
            source.value(name).ifPresentOrElse(value -> values.put(SecretReference.placeholder(name), value),
                    () -> missing.add(name));
        }
        if (!missing.isEmpty()) {
            String first = missing.iterator().next();
            throw new InvalidInputException("Workflow " + plan.workflowId() + " version " + plan.workflowVersion()
                    + " uses " + (missing.size() == 1 ? "the secret " : "the secrets ") + String.join(", ", missing)
                    + " (${secret:NAME}), which " + (missing.size() == 1 ? "has" : "have") + " no value here. Give "
                    + (missing.size() == 1 ? "it" : "each") + " as " + source.howToGive(first)
                    + (missing.size() == 1 ? "" : " (and so on)") + ", then run again; nothing was run.");
        }
        return values.isEmpty() ? Map.of()
                : Map.of(ENVIRONMENT_VARIABLE, new String(Json.bytes(values), StandardCharsets.UTF_8));
    }
}
