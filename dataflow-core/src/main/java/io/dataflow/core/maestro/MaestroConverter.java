package io.dataflow.core.maestro;

import io.dataflow.contract.run.WapBranch;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.maestro.MaestroWorkflow.ForeachJob;
import io.dataflow.core.maestro.MaestroWorkflow.Job;
import io.dataflow.core.maestro.MaestroWorkflow.Param;
import io.dataflow.core.maestro.MaestroWorkflow.SubworkflowJob;
import io.dataflow.core.maestro.MaestroWorkflow.TypedJob;
import io.dataflow.core.release.WorkflowIds;
import io.dataflow.core.workflow.SourcePosition;
import io.dataflow.core.workflow.SparkProgram;
import io.dataflow.core.workflow.Step;
import io.dataflow.core.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Converts one rendered workflow version into a {@link MaestroWorkflow}. Everything Maestro would refuse or read
 * differently is refused here, every problem of the workflow at once, naming the file position and the fix:
 *
 * <ul>
 *   <li>only keys Maestro defines are emitted (Maestro turns any other key into a parameter);</li>
 *   <li>ids and parameter names follow Maestro's character rules ({@link MaestroIds});</li>
 *   <li>every program a step runs, and every registry location in its text, is the copy inside the version's
 *       bundle, never an asset line's location;</li>
 *   <li>a {@code $} that is not a {@code ${NAME}} runtime parameter is doubled, since Maestro interpolates
 *       {@code $name} too and Dataflow keeps it as text.</li>
 * </ul>
 */
final class MaestroConverter {

    /** Workflow parameters that say which Dataflow bundle a Maestro run executes. */
    static final String WORKFLOW_ID_PARAM = "dataflow_workflow_id";
    static final String VERSION_PARAM = "dataflow_version";
    static final String BUNDLE_PARAM = "dataflow_bundle";
    static final String DIGEST_PARAM = "dataflow_bundle_digest";
    static final String COMMIT_PARAM = "dataflow_commit";
    static final List<String> PROVENANCE_PARAMS = List.of(WORKFLOW_ID_PARAM, VERSION_PARAM, BUNDLE_PARAM, DIGEST_PARAM,
            COMMIT_PARAM);
    static final String TAG = "dataflow";

    static final String FAIL_AFTER_RUNNING = "FAIL_AFTER_RUNNING";
    static final String IGNORE_FAILURE = "IGNORE_FAILURE";
    /** Iceberg's own switch: with it, a Spark write commits to that branch of a WAP-enabled table. */
    static final String WAP_BRANCH_CONF = WapBranch.SETTING;
    /** Maestro's per-run step parameter; one WAP expansion shares it, so its steps share one audit branch. */
    private static final String RUN_SUFFIX = "_${workflow_instance_id}";

    private static final Pattern RUNTIME_PARAM = Pattern.compile("\\$\\{([a-zA-Z][-_./a-zA-Z0-9]*)}|\\$");
    private static final Pattern WHOLE_PARAM_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    private final MaestroMapping mapping;

    MaestroConverter(MaestroMapping mapping) {
        this.mapping = mapping;
    }

    /** @throws InvalidInputException listing every reason Maestro could not take the workflow */
    MaestroWorkflow convert(MaestroSource source) {
        return new Conversion(source).run();
    }

    /** The state of converting one workflow: its problems and the step ids taken so far. */
    private final class Conversion {

        private final MaestroSource source;
        private final Workflow workflow;
        private final List<String> problems = new ArrayList<>();
        private final Set<String> userStepIds = new HashSet<>();
        private final Set<String> generatedStepIds = new HashSet<>();
        private String maestroId;

        Conversion(MaestroSource source) {
            this.source = source;
            this.workflow = source.workflow();
            workflow.allSteps().forEach(step -> userStepIds.add(step.id()));
        }

        MaestroWorkflow run() {
            try {
                maestroId = MaestroIds.workflowId(source.workflowId());
            } catch (InvalidInputException e) {
                problems.add(at(workflow.position(), e.getMessage()));
                maestroId = source.workflowId();
            }
            MaestroIds.nameProblem(workflow.name()).ifPresent(problem -> problems.add(at(workflow.position(),
                    "the workflow name cannot be a Maestro name: " + problem + "; shorten 'name'.")));
            UnmappedKeys.report(source.document(), (position, message) -> problems.add(at(position, message)));
            List<Param> params = workflowParams();
            Scope top = scope(workflow.jobs(), workflow.dag());
            if (!problems.isEmpty()) {
                throw new InvalidInputException("Workflow " + source.workflowId() + " (" + source.sourcePath()
                        + ") cannot be exported to Maestro, " + problems.size()
                        + (problems.size() == 1 ? " problem" : " problems") + "; fix each line below." + System.lineSeparator()
                        + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining(System.lineSeparator())));
            }
            String description = "Dataflow workflow " + source.workflowId() + " version " + source.version()
                    + " from " + source.sourcePath() + " at commit " + shortCommit() + ".";
            String owner = mapping.owner() != null ? mapping.owner() : source.deployer();
            Workflow.Trigger trigger = workflow.trigger();
            return new MaestroWorkflow(maestroId, workflow.name(), description, owner, List.of(TAG), params, top.jobs(),
                    top.dag(), trigger == null ? null : trigger.cron().strip(), mapping.timezone());
        }

        private String shortCommit() {
            String commit = source.commit() == null ? "" : source.commit();
            return commit.length() > 8 ? commit.substring(0, 8) : commit;
        }

        // ---- workflow parameters ----

        private List<Param> workflowParams() {
            List<Param> params = new ArrayList<>();
            for (Workflow.Param param : workflow.params().values()) {
                String where = "parameter '" + param.name() + "'";
                if (checkName(param.name(), true, param.position(), where, "rename it in params (and every ${"
                        + param.name() + "} that uses it)")) {
                    if (MaestroIds.WORKFLOW_FIELDS.contains(param.name())) {
                        problems.add(at(param.position(), where + " would be read as Maestro's workflow field '"
                                + param.name() + "', not as a parameter; rename it."));
                    } else if (PROVENANCE_PARAMS.contains(param.name())) {
                        problems.add(at(param.position(), where + " is the name of a parameter Dataflow stamps on every"
                                + " Maestro workflow (" + String.join(", ", PROVENANCE_PARAMS) + "); rename it."));
                    }
                }
                if (param.value() == null) {
                    problems.add(at(param.position(), where + " has no default, and Maestro needs a value for every"
                            + " parameter; give it one in params, e.g. '" + param.name() + ": \"\"' for an empty text."));
                    continue;
                }
                params.add(Param.literal(param.name(), value(param.value(), param.position(), where)));
            }
            params.add(Param.constant(WORKFLOW_ID_PARAM, source.workflowId()));
            params.add(Param.constant(VERSION_PARAM, (long) source.version()));
            params.add(Param.constant(BUNDLE_PARAM, source.bundleLocation()));
            params.add(Param.constant(DIGEST_PARAM, source.preview() ? MaestroSource.PENDING_DIGEST : source.bundleDigest()));
            params.add(Param.constant(COMMIT_PARAM, source.commit()));
            return params;
        }

        // ---- jobs and their DAG ----

        private record Scope(List<Job> jobs, Map<String, List<String>> dag) {}

        /** Jobs of one scope (the workflow or a foreach body) and the transitions between them. */
        private Scope scope(List<Step> steps, List<Workflow.Edge> edges) {
            List<Job> jobs = new ArrayList<>();
            Map<String, Set<String>> successors = new HashMap<>();
            Map<String, String> entryOf = new HashMap<>();
            Map<String, String> exitOf = new HashMap<>();
            for (Step step : steps) {
                checkStepId(step.id(), step.position());
                if (step instanceof Step.WapTemplate wap) {
                    Expansion expansion = wap(wap, jobs, successors);
                    entryOf.put(wap.id(), expansion.entry());
                    exitOf.put(wap.id(), expansion.exit());
                } else if (step instanceof Step.Foreach foreach) {
                    jobs.add(foreach(foreach));
                } else if (step instanceof Step.Subworkflow subworkflow) {
                    jobs.add(subworkflow(subworkflow));
                } else {
                    jobs.add(job(step, null));
                }
            }
            for (Workflow.Edge edge : edges) {
                successors.computeIfAbsent(exitOf.getOrDefault(edge.from(), edge.from()), id -> new LinkedHashSet<>())
                        .add(entryOf.getOrDefault(edge.to(), edge.to()));
            }
            Map<String, List<String>> dag = new LinkedHashMap<>();
            for (Job job : jobs) {
                Set<String> next = successors.get(job.id());
                if (next != null && !next.isEmpty()) {
                    dag.put(job.id(), List.copyOf(next));
                }
            }
            return new Scope(jobs, dag);
        }

        /** A plain job; {@code wap} is the WAP context of a write job, else {@code null}. */
        private Job job(Step step, Map<String, Object> wap) {
            String where = "job '" + step.id() + "'";
            if (step instanceof Step.SparkJob spark) {
                return new TypedJob(spark.id(), null, mapping.spark(), null, sparkParams(spark, wap));
            }
            if (step instanceof Step.MetadataJob metadata) {
                Map<String, Object> metacat = new LinkedHashMap<>();
                metacat.put("tables", texts(metadata.tables(), metadata.position(), where + " metacat.tables"));
                putText(metacat, "owner", metadata.owner(), metadata.position(), where);
                if (!metadata.tags().isEmpty()) {
                    metacat.put("tags", texts(metadata.tags(), metadata.position(), where + " metacat.tags"));
                }
                if (metadata.lifetime() != null) {
                    metacat.put("lifetime", metadata.lifetime().longValue());
                }
                if (!metadata.columnTypes().isEmpty()) {
                    metacat.put("column_types", value(metadata.columnTypes(), metadata.position(),
                            where + " metacat.column_types"));
                }
                return new TypedJob(metadata.id(), null, mapping.metadata(), null,
                        List.of(Param.literal("metacat", metacat)));
            }
            if (step instanceof Step.HwmJob hwm) {
                Map<String, Object> metacat = new LinkedHashMap<>();
                putText(metacat, "table", hwm.table(), hwm.position(), where);
                putText(metacat, "hwm_datetime", hwm.hwmDatetime(), hwm.position(), where);
                putText(metacat, "hwm_timezone", hwm.hwmTimezone(), hwm.position(), where);
                return new TypedJob(hwm.id(), null, mapping.hwm(), null, List.of(Param.literal("metacat", metacat)));
            }
            if (step instanceof Step.NoOpJob noOp) {
                return new TypedJob(noOp.id(), null, new MaestroMapping.JobType("NoOp", null), null, List.of());
            }
            throw new IllegalStateException("not a plain job: " + step);
        }

        private List<Param> sparkParams(Step.SparkJob spark, Map<String, Object> wap) {
            String where = "job '" + spark.id() + "' spark";
            Map<String, Object> block = new LinkedHashMap<>();
            SparkProgram program = spark.program();
            if (program instanceof SparkProgram.SqlScript sql) {
                block.put("script", program(sql.script(), spark.position(), where + ".script"));
            } else if (program instanceof SparkProgram.JarProgram jar) {
                block.put("jar", program(jar.jar(), spark.position(), where + ".jar"));
                putText(block, "main_class", jar.mainClass(), spark.position(), where);
                putArgs(block, jar.args(), spark.position(), where);
            } else if (program instanceof SparkProgram.PythonProgram python) {
                block.put("python", program(python.python(), spark.position(), where + ".python"));
                putText(block, "entry", python.entry(), spark.position(), where);
                putArgs(block, python.args(), spark.position(), where);
            }
            if (!spark.parameters().isEmpty()) {
                block.put("parameters", value(spark.parameters(), spark.position(), where + ".parameters"));
            }
            Map<String, Object> conf = new LinkedHashMap<>();
            if (!spark.conf().isEmpty() && value(spark.conf(), spark.position(), where + ".conf") instanceof Map<?, ?> map) {
                map.forEach((key, value) -> conf.put((String) key, value));
            }
            if (wap != null) {
                // The parser refuses a write job that sets it itself.
                conf.put(WAP_BRANCH_CONF, wap.get("branch"));
            }
            if (!conf.isEmpty()) {
                block.put("conf", conf);
            }
            List<Param> params = new ArrayList<>();
            params.add(Param.literal("spark", block));
            if (wap != null) {
                params.add(Param.literal("wap", wap));
            }
            return params;
        }

        private void putArgs(Map<String, Object> block, List<String> args, SourcePosition position, String where) {
            if (args != null && !args.isEmpty()) {
                block.put("args", texts(args, position, where + ".args"));
            }
        }

        // ---- wap: write jobs, audits, publish ----

        private record Expansion(String entry, String exit) {}

        /**
         * A wap template becomes its write steps in order, one step per audit (failing the workflow when blocking, only
         * marking the step when not) and a publish step after every audit. They share one audit branch per run.
         */
        private Expansion wap(Step.WapTemplate wap, List<Job> jobs, Map<String, Set<String>> successors) {
            String where = "template '" + wap.id() + "'";
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("template", wap.id());
            context.put("tables", texts(wap.tables(), wap.position(), where + " tables"));
            context.put("branch", "dataflow_wap_" + branchSafe(maestroId) + "_" + branchSafe(wap.id()) + RUN_SUFFIX);
            List<String> writeIds = new ArrayList<>();
            for (Step write : wap.writeJobs()) {
                if (write instanceof Step.SparkJob) {
                    checkStepId(write.id(), write.position());
                    jobs.add(job(write, context));
                    writeIds.add(write.id());
                } else {
                    problems.add(at(write.position(), where + " write job '" + write.id() + "' is not a Spark job;"
                            + " WAP write jobs must be 'type: Spark' to write to the audit branch."));
                }
            }
            for (int i = 0; i + 1 < writeIds.size(); i++) {
                link(successors, writeIds.get(i), writeIds.get(i + 1));
            }
            String lastWrite = writeIds.isEmpty() ? wap.id() : writeIds.get(writeIds.size() - 1);
            Map<String, Long> functionCounts = wap.audits().stream()
                    .collect(Collectors.groupingBy(audit -> audit.function().functionName(), Collectors.counting()));
            Map<String, Integer> seen = new HashMap<>();
            List<String> auditIds = new ArrayList<>();
            for (Step.Audit audit : wap.audits()) {
                String function = audit.function().functionName();
                int n = seen.merge(function, 1, Integer::sum);
                String id = wap.id() + ".audit." + function + (functionCounts.get(function) > 1 ? "." + n : "");
                checkGeneratedId(id, wap, audit.position());
                Map<String, Object> auditParam = new LinkedHashMap<>();
                auditParam.put("function", function);
                auditParam.put("blocking", audit.blocking());
                auditParam.put("params", value(audit.params(), audit.position(), where + " audit " + function + " params"));
                jobs.add(new TypedJob(id, function + (audit.blocking() ? " (blocking)" : " (warning only)"),
                        mapping.audit(), audit.blocking() ? FAIL_AFTER_RUNNING : IGNORE_FAILURE,
                        List.of(Param.literal("audit", auditParam), Param.literal("wap", context))));
                link(successors, lastWrite, id);
                auditIds.add(id);
            }
            String publish = wap.id() + ".publish";
            checkGeneratedId(publish, wap, wap.position());
            jobs.add(new TypedJob(publish, null, mapping.publish(), null,
                    List.of(Param.literal("wap", context))));
            for (String before : auditIds.isEmpty() ? List.of(lastWrite) : auditIds) {
                link(successors, before, publish);
            }
            return new Expansion(writeIds.isEmpty() ? publish : writeIds.get(0), publish);
        }

        private void checkGeneratedId(String id, Step.WapTemplate wap, SourcePosition position) {
            if (userStepIds.contains(id) || !generatedStepIds.add(id)) {
                problems.add(at(position, "template '" + wap.id() + "' becomes Maestro step '" + id + "', but a job of"
                        + " the workflow already has that id; rename that job or the template."));
            }
            MaestroIds.referenceIdProblem(id, false).ifPresent(problem -> problems.add(at(position, "template '"
                    + wap.id() + "' becomes Maestro step '" + id + "', which Maestro refuses: " + problem
                    + "; rename the template.")));
        }

        // ---- foreach and subworkflow ----

        private Job foreach(Step.Foreach foreach) {
            String where = "foreach '" + foreach.id() + "'";
            List<Param> loop = new ArrayList<>();
            foreach.params().forEach((name, raw) -> {
                String what = where + " loop parameter '" + name + "'";
                checkName(name, true, foreach.position(), what, "rename it in the foreach params and in every ${"
                        + name + "} that uses it");
                loop.add(loopParam(name, raw, foreach.position(), what));
            });
            Scope body = scope(foreach.jobs(), foreach.dag());
            return new ForeachJob(foreach.id(), loop, body.jobs(), body.dag());
        }

        /**
         * Maestro loops over an array parameter. A literal list stays a list; {@code ${NAME}} of a workflow parameter
         * whose default is a list becomes a SEL expression typed as that array, since a text {@code ${NAME}} would be
         * one string to Maestro.
         */
        private Param loopParam(String name, Object raw, SourcePosition position, String what) {
            if (raw instanceof List<?> list) {
                return Param.literal(name, texts(list, position, what));
            }
            Matcher reference = raw instanceof String text ? WHOLE_PARAM_REFERENCE.matcher(text.strip()) : null;
            if (reference != null && reference.matches()) {
                Workflow.Param param = workflow.params().get(reference.group(1));
                if (param != null && param.value() instanceof List<?>) {
                    return Param.expression(name, param.name() + ";", "array<string>");
                }
                problems.add(at(position, what + " loops over ${" + reference.group(1) + "}, but the workflow has no"
                        + " parameter of that name with a list default, and Maestro must know the loop values are an"
                        + " array; declare it in params with a list default, e.g. " + reference.group(1) + ": [a, b]."));
            } else {
                problems.add(at(position, what + " must be a list or ${NAME} of a workflow parameter with a list default"
                        + " for Maestro, not '" + raw + "'."));
            }
            return Param.literal(name, List.of());
        }

        private Job subworkflow(Step.Subworkflow subworkflow) {
            String where = "subworkflow '" + subworkflow.id() + "'";
            String target = subworkflow.workflow();
            String maestroTarget;
            if (target != null && target.contains("${")) {
                if (!WorkflowIds.parse(source.workflowId()).mainline()) {
                    problems.add(at(subworkflow.position(), where + " names its workflow with a parameter ('" + target
                            + "'), so a branch deploy cannot point it at the branch's own version; name the workflow"
                            + " id directly."));
                }
                maestroTarget = escape(target);
            } else {
                try {
                    maestroTarget = source.subworkflowIds().apply(target);
                } catch (InvalidInputException e) {
                    problems.add(at(subworkflow.position(), where + ": " + e.getMessage()));
                    maestroTarget = target;
                }
            }
            List<Param> params = new ArrayList<>();
            subworkflow.params().forEach((name, raw) -> {
                String what = where + " parameter '" + name + "'";
                if (checkName(name, true, subworkflow.position(), what, "rename it (and the parameter of the called"
                        + " workflow)") && MaestroIds.SUBWORKFLOW_FIELDS.contains(name)) {
                    problems.add(at(subworkflow.position(), what + " would be read as Maestro's subworkflow field '"
                            + name + "'; rename it."));
                }
                if (raw == null) {
                    problems.add(at(subworkflow.position(), what + " has no value; Maestro needs one."));
                } else {
                    params.add(Param.literal(name, value(raw, subworkflow.position(), what)));
                }
            });
            return new SubworkflowJob(subworkflow.id(), maestroTarget, params);
        }

        // ---- values ----

        /**
         * A program field (script, jar, python): the bundle copy's location, never an asset line's location or a file
         * outside the registry.
         */
        private String program(String value, SourcePosition position, String where) {
            return source.locations().bundleKeyOf(value).map(source.locationOfKey())
                    .orElseGet(() -> {
                        problems.add(at(position, where + " '" + value + "' is not an asset or file of the version's"
                                + " bundle, and Maestro must run the bundle's copy. Reference the file with"
                                + " $S3{./path} or the asset with ${dataflow.<type>.<namespace>}."));
                        return value;
                    });
        }

        /** A parameter value in one of the shapes Maestro types: text, whole number, boolean, text list, mapping. */
        private Object value(Object raw, SourcePosition position, String where) {
            if (raw == null) {
                problems.add(at(position, where + " has an empty value, which Maestro refuses; give it a value."));
                return "";
            }
            if (raw instanceof String text) {
                return text(text, position, where);
            }
            if (raw instanceof Integer || raw instanceof Long) {
                return ((Number) raw).longValue();
            }
            if (raw instanceof Boolean) {
                return raw;
            }
            if (raw instanceof List<?> list) {
                return texts(list, position, where);
            }
            if (raw instanceof Map<?, ?> map) {
                Map<String, Object> converted = new LinkedHashMap<>();
                map.forEach((key, inner) -> {
                    String name = String.valueOf(key);
                    checkName(name, false, position, where + " key '" + name + "'", "rename the key");
                    converted.put(name, value(inner, position, where + "." + name));
                });
                return converted;
            }
            problems.add(at(position, where + " has a value Maestro cannot type: " + raw + "."));
            return String.valueOf(raw);
        }

        private List<String> texts(List<?> items, SourcePosition position, String where) {
            List<String> texts = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof String text) {
                    texts.add(text(text, position, where));
                } else {
                    problems.add(at(position, where + " holds " + (item == null ? "an empty item" : "a nested list or"
                            + " mapping") + "; Maestro parameters hold lists of single values only."));
                }
            }
            return texts;
        }

        /** Text with every registry location replaced by its bundle copy, and Maestro's '$' escaping applied. */
        private String text(String text, SourcePosition position, String where) {
            String rewritten = source.locations().rewrite(text, source.locationOfKey());
            if (source.locations().pointsIntoRegistry(rewritten.replace(source.bundleLocation(), ""))) {
                problems.add(at(position, where + " '" + text + "' points into the registry ("
                        + source.locations().registryRoot() + ") but not at an asset or file of the bundle; reference"
                        + " it with ${dataflow.…} or $S3{…} so Maestro runs the bundle's copy."));
            }
            return escape(rewritten);
        }

        private void putText(Map<String, Object> block, String key, String value, SourcePosition position, String where) {
            if (value != null) {
                block.put(key, text(value, position, where + " " + key));
            }
        }

        // ---- names ----

        private void checkStepId(String id, SourcePosition position) {
            MaestroIds.referenceIdProblem(id, false).ifPresent(problem -> problems.add(at(position, "job id '" + id
                    + "' cannot be a Maestro step id: " + problem + "; rename the job (and its dag edges).")));
        }

        /** @return whether the name is acceptable */
        private boolean checkName(String name, boolean parameter, SourcePosition position, String where, String fix) {
            return MaestroIds.referenceIdProblem(name, parameter).map(problem -> {
                problems.add(at(position, where + " cannot be a Maestro name: " + problem + "; " + fix + "."));
                return false;
            }).orElse(true);
        }

        private String at(SourcePosition position, String message) {
            return (position == null ? source.sourcePath() : source.sourcePath() + ":" + position.line() + ":"
                    + position.column()) + ": " + message;
        }
    }

    private static void link(Map<String, Set<String>> successors, String from, String to) {
        successors.computeIfAbsent(from, id -> new LinkedHashSet<>()).add(to);
    }

    /** Iceberg branch names here: letters, digits, '_' and '-' only. */
    private static String branchSafe(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /**
     * Keeps {@code ${NAME}} (a runtime parameter: Maestro interpolates the same syntax) and doubles every other '$',
     * which Dataflow keeps as text but Maestro would read as {@code $name}.
     */
    static String escape(String text) {
        Matcher matcher = RUNTIME_PARAM.matcher(text);
        StringBuilder escaped = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(escaped, Matcher.quoteReplacement(matcher.group(1) != null ? matcher.group() : "$$"));
        }
        matcher.appendTail(escaped);
        return escaped.toString();
    }
}
