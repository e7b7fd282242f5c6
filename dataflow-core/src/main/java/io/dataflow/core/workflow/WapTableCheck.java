package io.dataflow.core.workflow;

import io.dataflow.core.bundle.BundledFile;
import io.dataflow.contract.sql.SqlParameters;
import io.dataflow.contract.sql.SqlScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verify's warning for a top-level {@code wap} template whose table no task before it creates. Write-Audit-Publish
 * needs the table to exist (it enables WAP on it and writes to a branch of it), so such a run fails at the template.
 * The check reads the SQL of the template's upstream tasks with the workflow's parameter defaults; when one of them is
 * a JAR or Python job or a subworkflow, what that task creates cannot be known here and nothing is said. A table
 * created outside the workflow is fine, which is why this is a warning, never a problem.
 */
final class WapTableCheck {

    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([^\\s(]+)",
            Pattern.CASE_INSENSITIVE);

    private WapTableCheck() {}

    /**
     * @param fileReferences every {@code $S3{}} reference of the workflow as written (stripped), to the file the
     *     render checked and resolved it to: the path rules stay the renderer's
     */
    static List<Problem> warnings(Workflow workflow, Map<String, BundledFile> fileReferences) {
        Map<String, Step> byId = new HashMap<>();
        workflow.jobs().forEach(step -> byId.put(step.id(), step));
        Map<String, String> defaults = new HashMap<>();
        workflow.params().forEach((name, param) -> {
            if (param.value() != null && !(param.value() instanceof Iterable<?>) && !(param.value() instanceof Map<?, ?>)) {
                defaults.put(name, String.valueOf(param.value()));
            }
        });
        List<Problem> warnings = new ArrayList<>();
        for (Step step : workflow.jobs()) {
            if (step instanceof Step.WapTemplate wap) {
                Set<String> upstream = upstream(wap.id(), workflow.dag());
                created(upstream, byId, defaults, fileReferences).ifPresent(created -> {
                    for (String table : wap.tables()) {
                        String written = substitute(table, defaults);
                        if (!created.contains(normalized(written))) {
                            warnings.add(Problem.at(wap.position(), "wap '" + wap.id() + "' writes table " + written
                                    + ", but no task before it creates it (" + (upstream.isEmpty()
                                            ? "it has no upstream task in the dag"
                                            : "no CREATE TABLE in the SQL of " + String.join(", ", upstream))
                                    + "); the run fails there unless the table already exists. Create it in a SQL job"
                                    + " with an edge to '" + wap.id() + "' in the dag (as the samples' target_ddl does)."));
                        }
                    }
                });
            }
        }
        return warnings;
    }

    /** Every step the dag runs before {@code id}. */
    private static Set<String> upstream(String id, List<Workflow.Edge> dag) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(id));
        while (!next.isEmpty()) {
            String current = next.pop();
            for (Workflow.Edge edge : dag) {
                if (edge.to().equals(current) && found.add(edge.from())) {
                    next.push(edge.from());
                }
            }
        }
        return found;
    }

    /** The tables the upstream SQL creates; empty when a task's effect cannot be read. */
    private static Optional<Set<String>> created(Set<String> upstream, Map<String, Step> byId,
            Map<String, String> defaults, Map<String, BundledFile> fileReferences) {
        Set<String> tables = new LinkedHashSet<>();
        for (String id : upstream) {
            Step step = byId.get(id);
            if (step instanceof Step.MetadataJob || step instanceof Step.HwmJob || step instanceof Step.NoOpJob) {
                continue; // they create no table
            }
            if (!(step instanceof Step.SparkJob job) || !(job.program() instanceof SparkProgram.SqlScript script)) {
                return Optional.empty();
            }
            Optional<String> sql = readShipped(script.script(), fileReferences);
            if (sql.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> values = new HashMap<>(defaults);
            job.parameters().forEach((name, value) -> values.put(name, substitute(String.valueOf(value), defaults)));
            for (SqlScript.Statement statement : SqlScript.parse(sql.get(), id).statements()) {
                Matcher create = CREATE_TABLE.matcher(substitute(statement.sql(), values));
                if (create.find()) {
                    tables.add(normalized(create.group(1)));
                }
            }
        }
        return Optional.of(tables);
    }

    /** The text of a {@code $S3{./file.sql}} script, when it is one the render resolved and it can be read. */
    private static Optional<String> readShipped(String script, Map<String, BundledFile> fileReferences) {
        String written = script.strip();
        if (!written.startsWith(WorkflowRenderer.FILE_OPEN) || !written.endsWith("}")) {
            return Optional.empty();
        }
        BundledFile file = fileReferences.get(
                written.substring(WorkflowRenderer.FILE_OPEN.length(), written.length() - 1).strip());
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file.source(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code ${NAME}} replaced where a value is known; unknown names stay as written. */
    private static String substitute(String text, Map<String, String> values) {
        Matcher matcher = SqlParameters.PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result,
                    Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), matcher.group())));
        }
        return matcher.appendTail(result).toString();
    }

    /** {@code db.table} in lower case, without quotes or a catalog: how Spark would match the two names. */
    private static String normalized(String table) {
        String[] parts = table.replace("`", "").toLowerCase(Locale.ROOT).split("\\.");
        return parts.length <= 2 ? String.join(".", parts)
                : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
