package io.dataflow.core.run;

import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.WapBranch;
import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.workflow.SparkProgram;
import io.dataflow.core.workflow.Step;
import io.dataflow.core.workflow.Workflow;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a released workflow into the flat, ordered task list of a run plan: parameters resolved, {@code foreach}
 * iterations and {@code subworkflow}s expanded inline, every program path pointing at a bundle copy.
 *
 * <p>Ordering: within one scope (a workflow's jobs, a foreach body) the {@code dag} edges order the steps; a scope
 * without any edge runs its steps one after another in file order. Foreach iterations run one after another, so a
 * failed iteration skips the later ones (a high-water mark never moves past a day that failed). A step's first
 * tasks depend on the last tasks of the steps before it.
 */
final class RunPlanner {

    /** More tasks than this is almost certainly a runaway foreach (or a huge date range). */
    static final int MAX_TASKS = 10_000;
    private static final int MAX_RANGE_DAYS = 3_660;
    private static final Pattern DATE_RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}|\\d{8})\\.\\.(\\d{4}-\\d{2}-\\d{2}|\\d{8})");

    private final Function<String, LoadedBundle> subworkflows;
    private final Function<LoadedBundle, BundleLocations> locationsOf;
    private final Map<String, String> overrides;
    private final Map<String, String> builtins;
    private final String auditBranch;
    private final DataflowLog log;

    private final List<PlanTask> tasks = new ArrayList<>();
    private final Set<String> taskIds = new HashSet<>();
    private final Set<String> namespaces = new TreeSet<>();
    private final Set<String> usedNames = ParameterScope.newUsedSet();
    private final Set<String> declaredNames = new HashSet<>();
    private final Set<String> warned = new HashSet<>();

    /**
     * @param subworkflows loads the active version of a deployed workflow by id (the caller caches and records)
     * @param overrides run parameters given by the user; they replace defaults in every workflow of the run
     * @param builtins values every workflow sees unless it declares the name itself ({@code RUN_ID}, {@code RUN_DATE})
     * @param runId the run's id, which names the audit branch of its wap templates
     */
    RunPlanner(Function<String, LoadedBundle> subworkflows, Function<LoadedBundle, BundleLocations> locationsOf,
            Map<String, String> overrides, Map<String, String> builtins, String runId, DataflowLog log) {
        this.subworkflows = subworkflows;
        this.locationsOf = locationsOf;
        this.overrides = overrides;
        this.builtins = builtins;
        this.auditBranch = WapBranch.of(runId);
        this.log = log;
    }

    /** What planning produced besides the tasks. */
    record Planned(List<PlanTask> tasks, List<String> namespaces,
            Map<String, String> parameters) {}

    Planned plan(LoadedBundle root) {
        ParameterScope scope = scopeOf(root, Map.of());
        Context context = new Context(root, locationsOf.apply(root), scope, List.of(root.manifest().workflowId()));
        expandScope("", root.workflow().jobs(), root.workflow().dag(), List.of(), context);
        overrides.keySet().stream().filter(name -> !usedNames.contains(name) && !declaredNames.contains(name))
                .forEach(name -> log.warn("Run parameter " + name + " (dataflow.param." + name + ") is neither declared"
                        + " nor used by any workflow of this run; check its spelling."));
        Map<String, String> parameters = new LinkedHashMap<>();
        Set<String> reported = new LinkedHashSet<>(root.workflow().params().keySet());
        reported.addAll(overrides.keySet());
        for (String name : reported) {
            try {
                parameters.put(name, scope.text("${" + name + "}", "parameter " + name));
            } catch (InvalidInputException e) {
                // No job used it, so the run does not need its value; record what was written.
                Workflow.Param declared = root.workflow().params().get(name);
                parameters.put(name, declared == null ? null : String.valueOf(declared.value()));
            }
        }
        return new Planned(List.copyOf(tasks), List.copyOf(namespaces), parameters);
    }

    private record Context(LoadedBundle bundle, BundleLocations locations, ParameterScope params, List<String> stack) {

        Context with(ParameterScope scope) {
            return new Context(bundle, locations, scope, stack);
        }
    }

    /** Defaults, then run overrides, then values passed by a calling subworkflow step. */
    private ParameterScope scopeOf(LoadedBundle bundle, Map<String, Object> passed) {
        Map<String, Object> values = new LinkedHashMap<>(builtins);
        values.put("WORKFLOW_ID", bundle.manifest().workflowId());
        values.put("WORKFLOW_VERSION", String.valueOf(bundle.manifest().version()));
        Map<String, Workflow.Param> declared = bundle.workflow().params();
        declared.forEach((name, param) -> values.put(name, param.value()));
        declaredNames.addAll(declared.keySet());
        overrides.forEach((name, value) -> {
            Workflow.Param param = declared.get(name);
            boolean listValued = param != null && param.value() instanceof List<?>;
            values.put(name, listValued ? splitList(value) : value);
        });
        values.putAll(passed);
        return new ParameterScope(values, bundle.describe(), usedNames);
    }

    private static List<Object> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty())
                .map(item -> (Object) item).toList();
    }

    private List<String> expandScope(String prefix, List<Step> steps, List<Workflow.Edge> dag, List<String> incoming,
            Context context) {
        Map<String, Step> byId = new LinkedHashMap<>();
        steps.forEach(step -> byId.put(step.id(), step));
        Map<String, List<String>> predecessors = new HashMap<>();
        Set<String> hasSuccessor = new HashSet<>();
        for (Workflow.Edge edge : dag) {
            for (String id : List.of(edge.from(), edge.to())) {
                if (!byId.containsKey(id)) {
                    throw new InvalidInputException(context.bundle().describe() + ": dag edge '" + edge + "' names"
                            + " unknown job '" + id + "' (jobs: " + byId.keySet() + "); fix the workflow and deploy again.");
                }
            }
            predecessors.computeIfAbsent(edge.to(), id -> new ArrayList<>()).add(edge.from());
            hasSuccessor.add(edge.from());
        }
        List<Step> order = dag.isEmpty() ? steps : topologicalOrder(byId, predecessors, context);
        Map<String, List<String>> sinksById = new HashMap<>();
        List<String> previous = incoming;
        List<String> scopeSinks = new ArrayList<>();
        for (Step step : order) {
            List<String> stepIncoming;
            if (dag.isEmpty()) {
                stepIncoming = previous;
            } else {
                Set<String> union = new LinkedHashSet<>();
                List<String> before = predecessors.getOrDefault(step.id(), List.of());
                before.forEach(id -> union.addAll(sinksById.get(id)));
                stepIncoming = before.isEmpty() ? incoming : List.copyOf(union);
            }
            List<String> sinks = expandStep(prefix, step, stepIncoming, context);
            sinksById.put(step.id(), sinks);
            previous = sinks;
            if (!dag.isEmpty() && !hasSuccessor.contains(step.id())) {
                sinks.stream().filter(id -> !scopeSinks.contains(id)).forEach(scopeSinks::add);
            }
        }
        return dag.isEmpty() ? previous : scopeSinks;
    }

    /** Kahn's algorithm, taking ready steps in file order so the plan reads like the file. */
    private static List<Step> topologicalOrder(Map<String, Step> byId, Map<String, List<String>> predecessors,
            Context context) {
        List<Step> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (order.size() < byId.size()) {
            Step next = byId.values().stream().filter(step -> !done.contains(step.id()))
                    .filter(step -> done.containsAll(predecessors.getOrDefault(step.id(), List.of())))
                    .findFirst().orElseThrow(() -> new InvalidInputException(context.bundle().describe()
                            + ": the dag has a cycle among " + byId.keySet().stream().filter(id -> !done.contains(id)).toList()
                            + "; remove an edge so the jobs can run in order, and deploy again."));
            order.add(next);
            done.add(next.id());
        }
        return order;
    }

    private List<String> expandStep(String prefix, Step step, List<String> incoming, Context context) {
        String id = prefix + step.id();
        if (step instanceof Step.SparkJob job) {
            return add(sparkTask(id, incoming, job, context, false));
        } else if (step instanceof Step.NoOpJob) {
            return add(new PlanTask.Noop(id, incoming));
        } else if (step instanceof Step.HwmJob hwm) {
            return add(hwmTask(id, incoming, hwm, context));
        } else if (step instanceof Step.MetadataJob metadata) {
            return add(metadataTask(id, incoming, metadata, context));
        } else if (step instanceof Step.WapTemplate wap) {
            return add(wapTask(id, incoming, wap, context));
        } else if (step instanceof Step.Foreach foreach) {
            return expandForeach(id, incoming, foreach, context);
        }
        return expandSubworkflow(id, incoming, (Step.Subworkflow) step, context);
    }

    private List<String> add(PlanTask task) {
        if (!taskIds.add(task.id())) {
            throw new IllegalStateException("task id " + task.id() + " planned twice");
        }
        if (tasks.size() >= MAX_TASKS) {
            throw new InvalidInputException("The run would have more than " + MAX_TASKS + " tasks (foreach values times"
                    + " jobs); run fewer values at once, e.g. a shorter date range in dataflow.param.<NAME>.");
        }
        tasks.add(task);
        return List.of(task.id());
    }

    private PlanTask sparkTask(String id, List<String> incoming, Step.SparkJob job, Context context, boolean wapWrite) {
        String where = "job '" + job.id() + "'";
        ParameterScope params = context.params();
        BundleLocations locations = context.locations();
        Map<String, String> conf = new LinkedHashMap<>();
        job.conf().forEach((key, value) -> conf.put(key, params.text(value, where + " conf." + key)));
        List<String> deps = wapWrite ? null : incoming;
        SparkProgram program = job.program();
        if (program instanceof SparkProgram.SqlScript sql) {
            Map<String, String> sqlParams = new LinkedHashMap<>();
            job.parameters().forEach((name, value) -> sqlParams.put(name,
                    locations.rewriteText(params.text(value, where + " parameters." + name), where)));
            return new PlanTask.Sql(id, deps, locations.requirePlanPath(
                    params.text(sql.script(), where + " spark.script"), where + " spark.script"), sqlParams, conf);
        }
        warnIgnoredParameters(job, context);
        if (program instanceof SparkProgram.JarProgram jar) {
            return new PlanTask.Jar(id, deps, locations.requirePlanPath(params.text(jar.jar(), where + " spark.jar"),
                    where + " spark.jar"), params.text(jar.mainClass(), where + " spark.main_class"),
                    args(jar.args(), where, context), conf);
        }
        SparkProgram.PythonProgram python = (SparkProgram.PythonProgram) program;
        if (wapWrite) {
            // PySpark starts a driver of its own, which learns the audit branch from its Spark conf.
            conf.put(WapBranch.SETTING, auditBranch);
        }
        return new PlanTask.Python(id, deps, locations.requirePlanPath(params.text(python.python(),
                where + " spark.python"), where + " spark.python"),
                params.text(python.entry(), where + " spark.entry"), args(python.args(), where, context), conf);
    }

    private List<String> args(List<String> args, String where, Context context) {
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String field = where + " spark.args[" + i + "]";
            resolved.add(context.locations().rewriteText(context.params().text(args.get(i), field), field));
        }
        return resolved;
    }

    private void warnIgnoredParameters(Step.SparkJob job, Context context) {
        if (!job.parameters().isEmpty() && warned.add(context.bundle().describe() + job.id())) {
            log.warn(context.bundle().describe() + ", job '" + job.id() + "': spark.parameters " + job.parameters().keySet()
                    + " are passed to SQL scripts only; a local run gives JAR and Python programs their args.");
        }
    }

    private PlanTask hwmTask(String id, List<String> incoming, Step.HwmJob hwm, Context context) {
        String where = "job '" + hwm.id() + "'";
        String table = table(context, hwm.table(), where + " metacat.table");
        String datetime = required(context, hwm.hwmDatetime(), where + " metacat.hwm_datetime");
        String timezone = context.params().text(hwm.hwmTimezone(), where + " metacat.hwm_timezone");
        return new PlanTask.Hwm(id, incoming, table, datetime, timezone == null || timezone.isBlank() ? null : timezone);
    }

    private PlanTask metadataTask(String id, List<String> incoming, Step.MetadataJob metadata, Context context) {
        String where = "job '" + metadata.id() + "'";
        ParameterScope params = context.params();
        Map<String, String> columnTypes = new LinkedHashMap<>();
        metadata.columnTypes().forEach((column, kind) ->
                columnTypes.put(column, params.text(kind, where + " column_types." + column)));
        List<String> tags = metadata.tags().stream().map(tag -> params.text(tag, where + " tags")).toList();
        String owner = params.text(metadata.owner(), where + " owner");
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < metadata.tables().size(); i++) {
            tables.add(table(context, metadata.tables().get(i), where + " metacat.tables[" + i + "]"));
        }
        return new PlanTask.Metadata(id, incoming, tables, null, owner == null || owner.isBlank() ? null : owner, tags,
                metadata.lifetime(), columnTypes, null, null);
    }

    private PlanTask wapTask(String id, List<String> incoming, Step.WapTemplate wap, Context context) {
        String where = "template '" + wap.id() + "'";
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < wap.tables().size(); i++) {
            tables.add(table(context, wap.tables().get(i), where + " tables[" + i + "]"));
        }
        List<PlanTask> writes = new ArrayList<>();
        for (Step write : wap.writeJobs()) {
            if (!(write instanceof Step.SparkJob job)) {
                throw new InvalidInputException(context.bundle().describe() + ", " + where + ": write job '" + write.id()
                        + "' is not a Spark job; wap write_jobs must be Spark jobs (a SQL script, a JAR or Python).");
            }
            writes.add(sparkTask(write.id(), null, job, context, true));
        }
        List<PlanTask.Audit> audits = new ArrayList<>();
        for (Step.Audit audit : wap.audits()) {
            String auditWhere = where + " audit " + audit.function().functionName();
            Map<String, Object> auditParams = new LinkedHashMap<>();
            audit.params().forEach((name, value) -> auditParams.put(name, context.params().value(value, auditWhere + " " + name)));
            if (auditParams.get("table") instanceof String table) {
                auditParams.put("table", auditTable(table, tables));
            }
            audits.add(new PlanTask.Audit(audit.function().functionName(), audit.blocking(), auditParams));
        }
        return new PlanTask.Wap(id, incoming, tables, writes, audits);
    }

    private List<String> expandForeach(String id, List<String> incoming, Step.Foreach foreach, Context context) {
        String where = "foreach '" + foreach.id() + "'";
        Map<String, List<Object>> loops = new LinkedHashMap<>();
        long count = 1;
        for (Map.Entry<String, Object> loop : foreach.params().entrySet()) {
            List<Object> values = loopValues(context.params().value(loop.getValue(), where + " params." + loop.getKey()));
            loops.put(loop.getKey(), values);
            count = Math.min(count * values.size(), MAX_TASKS + 1L); // capped first, so it cannot overflow
        }
        // Counted before the product is built: three 10-year date ranges would be 49 billion iterations.
        if (count > MAX_TASKS) {
            throw new InvalidInputException(context.bundle().describe() + " (" + context.bundle().manifest().workflow()
                    .sourcePath() + "), " + where + ": more than " + MAX_TASKS + " iterations ("
                    + String.join(" x ", loops.entrySet().stream().map(loop -> loop.getValue().size() + " values of "
                    + loop.getKey()).toList()) + "), and a run has at most " + MAX_TASKS + " tasks; run fewer values at"
                    + " once, e.g. a shorter date range in dataflow.param.<NAME>.");
        }
        List<Map<String, Object>> iterations = List.of(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> loop : loops.entrySet()) {
            List<Map<String, Object>> product = new ArrayList<>();
            for (Map<String, Object> iteration : iterations) {
                for (Object value : loop.getValue()) {
                    Map<String, Object> next = new LinkedHashMap<>(iteration);
                    next.put(loop.getKey(), value);
                    product.add(next);
                }
            }
            iterations = product;
        }
        if (iterations.isEmpty()) {
            log.warn(context.bundle().describe() + ", " + where + ": no values to iterate over; nothing to run for it.");
        }
        Set<String> labels = new HashSet<>();
        List<String> previous = incoming;
        for (int i = 0; i < iterations.size(); i++) {
            Map<String, Object> iteration = iterations.get(i);
            String label = String.join(",", iteration.values().stream().map(String::valueOf).toList());
            if (!labels.add(label)) {
                label = label + "#" + (i + 1);
            }
            previous = expandScope(id + "[" + label + "].", foreach.jobs(), foreach.dag(), previous,
                    context.with(context.params().with(iteration)));
        }
        return previous;
    }

    /** A list stays a list; {@code 2024-01-01..2024-01-07} (also as a list item) is every day of that range; other text splits at ','. */
    private static List<Object> loopValues(Object value) {
        if (value instanceof List<?> list) {
            List<Object> values = new ArrayList<>();
            for (Object item : list) {
                Matcher range = item == null ? null : DATE_RANGE.matcher(String.valueOf(item).strip());
                values.addAll(range != null && range.matches() ? dateRange(range.group(1), range.group(2)) : java.util.Collections.singletonList(item));
            }
            return values;
        }
        if (value == null) {
            return List.of();
        }
        String text = String.valueOf(value).strip();
        Matcher range = DATE_RANGE.matcher(text);
        if (range.matches()) {
            return dateRange(range.group(1), range.group(2));
        }
        return new ArrayList<>(splitList(text));
    }

    private static List<Object> dateRange(String from, String to) {
        DateTimeFormatter format = from.length() == 8 ? DateTimeFormatter.BASIC_ISO_DATE : DateTimeFormatter.ISO_LOCAL_DATE;
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(from, format);
            end = LocalDate.parse(to, to.length() == 8 ? DateTimeFormatter.BASIC_ISO_DATE : DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("Date range '" + from + ".." + to + "' names a day that does not exist ("
                    + e.getParsedString() + "); write real days, e.g. 2024-01-01..2024-01-07.");
        }
        if (end.isBefore(start) || start.plusDays(MAX_RANGE_DAYS).isBefore(end)) {
            throw new InvalidInputException("Date range '" + from + ".." + to + "' must run forwards and span at most "
                    + MAX_RANGE_DAYS + " days; write the earlier day first.");
        }
        List<Object> days = new ArrayList<>();
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            days.add(day.format(format));
        }
        return days;
    }

    private List<String> expandSubworkflow(String id, List<String> incoming, Step.Subworkflow step, Context context) {
        String where = "subworkflow '" + step.id() + "'";
        String workflowId = required(context, step.workflow(), where + " workflow");
        LoadedBundle child = subworkflows.apply(workflowId);
        String childId = child.manifest().workflowId();
        if (context.stack().contains(childId)) {
            List<String> chain = new ArrayList<>(context.stack());
            chain.add(childId);
            throw new InvalidInputException(context.bundle().describe() + ", " + where + ": the subworkflows call each"
                    + " other in a loop: " + String.join(" -> ", chain) + "; remove one of these subworkflow steps.");
        }
        Map<String, Object> passed = new LinkedHashMap<>();
        step.params().forEach((name, value) -> passed.put(name, context.params().value(value, where + " params." + name)));
        List<String> stack = new ArrayList<>(context.stack());
        stack.add(childId);
        Context childContext = new Context(child, locationsOf.apply(child), scopeOf(child, passed), List.copyOf(stack));
        return expandScope(id + ".", child.workflow().jobs(), child.workflow().dag(), incoming, childContext);
    }

    private static String required(Context context, String raw, String where) {
        String value = context.params().text(raw, where);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(context.bundle().describe() + ", " + where + " is empty after resolving"
                    + " parameters ('" + raw + "'); give the parameter a value (-Ddataflow.param.<NAME>=<value>).");
        }
        return value;
    }

    /**
     * {@code catalog/db/table}, {@code catalog.db.table} and {@code db.table} all become {@code db.table}: a local
     * run has exactly one catalog (the runner's), whatever the production catalog is called.
     */
    private String table(Context context, String raw, String where) {
        String value = required(context, raw, where).strip();
        String[] parts = value.contains("/") ? value.split("/", -1) : value.split("\\.", -1);
        String table = parts.length == 3 ? parts[1] + "." + parts[2] : String.join(".", parts);
        if (parts.length == 3 && warned.add("catalog " + parts[0])) {
            log.debug("Catalog '" + parts[0] + "' of " + value + " is the run's catalog '" + RunPlan.DEFAULT_CATALOG + "' locally.");
        }
        int dot = table.lastIndexOf('.');
        if (dot > 0) {
            namespaces.add(table.substring(0, dot));
        }
        return table;
    }

    /** An audit may name its table like the wap template does, or just by its name when that is unambiguous. */
    private static String auditTable(String table, List<String> wapTables) {
        String[] parts = table.strip().contains("/") ? table.strip().split("/") : table.strip().split("\\.");
        String normalized = parts.length == 3 ? parts[1] + "." + parts[2] : String.join(".", parts);
        if (parts.length == 1) {
            List<String> matches = wapTables.stream().filter(candidate -> candidate.endsWith("." + normalized)).toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
        }
        return normalized;
    }
}
