package io.dataflow.core.workflow;

import io.dataflow.core.workflow.Workflow.Edge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural rules on a parsed workflow: unique step ids (nested ones included), dag edges that name steps
 * of their own scope, and no cycles. Field-level rules live in the parser, reference rules in the renderer.
 */
public final class WorkflowValidator {

    private WorkflowValidator() {}

    public static List<Problem> validate(Workflow workflow) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Step> firstById = new HashMap<>();
        for (Step step : workflow.allSteps()) {
            if (step.id() == null) {
                continue;
            }
            Step first = firstById.putIfAbsent(step.id(), step);
            if (first != null) {
                problems.add(Problem.at(step.position(), "duplicate job id '" + step.id() + "' (first used at line "
                        + first.position().line() + "); every job, template, foreach and subworkflow needs its own id."));
            }
        }
        checkScope(workflow.jobs(), workflow.dag(), "the workflow", problems);
        for (Step step : workflow.allSteps()) {
            if (step instanceof Step.Foreach foreach) {
                checkScope(foreach.jobs(), foreach.dag(), "foreach '" + foreach.id() + "'", problems);
            }
        }
        return problems;
    }

    /** Edges of one dag may only name the steps listed beside it (a foreach body is its own scope). */
    private static void checkScope(List<Step> steps, List<Edge> dag, String scope, List<Problem> problems) {
        Set<String> ids = new LinkedHashSet<>();
        steps.forEach(step -> ids.add(step.id()));
        Map<String, List<Edge>> outgoing = new LinkedHashMap<>();
        ids.forEach(id -> outgoing.put(id, new ArrayList<>()));
        for (Edge edge : dag) {
            boolean known = true;
            for (String end : List.of(edge.from(), edge.to())) {
                if (!ids.contains(end)) {
                    known = false;
                    problems.add(Problem.at(edge.position(), "dag edge '" + edge + "' names unknown job '" + end
                            + "'; the jobs of " + scope + " are " + ids + ". Fix the id or add the job."));
                }
            }
            if (known) {
                outgoing.get(edge.from()).add(edge);
            }
        }
        findCycles(outgoing, problems);
    }

    /** Depth-first search; each back edge closes one cycle, printed from where it starts. */
    private static void findCycles(Map<String, List<Edge>> outgoing, List<Problem> problems) {
        Map<String, Integer> state = new HashMap<>(); // absent = unvisited, 1 = on path, 2 = done
        List<String> path = new ArrayList<>();
        for (String start : outgoing.keySet()) {
            if (!state.containsKey(start)) {
                visit(start, outgoing, state, path, problems);
            }
        }
    }

    private static void visit(String id, Map<String, List<Edge>> outgoing, Map<String, Integer> state,
            List<String> path, List<Problem> problems) {
        state.put(id, 1);
        path.add(id);
        for (Edge edge : outgoing.get(id)) {
            Integer next = state.get(edge.to());
            if (next == null) {
                visit(edge.to(), outgoing, state, path, problems);
            } else if (next == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(edge.to()), path.size()));
                cycle.add(edge.to());
                problems.add(Problem.at(edge.position(), "the dag has a cycle: " + String.join(" -> ", cycle)
                        + "; remove one of these edges so the jobs can run in order."));
            }
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
    }
}
