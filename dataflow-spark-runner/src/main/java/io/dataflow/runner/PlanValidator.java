package io.dataflow.runner;

import io.dataflow.contract.run.InvalidPlanException;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.WapBranch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a plan before Spark starts, so a bad plan costs no Spark start-up and changes no table. All
 * problems are reported at once.
 */
final class PlanValidator {

    private final Path baseDir;
    private final List<String> problems = new ArrayList<>();

    private PlanValidator(Path baseDir) {
        this.baseDir = baseDir;
    }

    static void validate(RunPlan plan, Path baseDir) {
        PlanValidator validator = new PlanValidator(baseDir);
        validator.checkPlan(plan);
        if (!validator.problems.isEmpty()) {
            throw new InvalidPlanException("The run plan cannot be run:\n  - " + String.join("\n  - ", validator.problems));
        }
    }

    private void checkPlan(RunPlan plan) {
        if (plan.formatVersion() != RunPlan.FORMAT_VERSION) {
            problems.add("formatVersion " + plan.formatVersion() + " is not supported; this runner reads "
                    + RunPlan.FORMAT_VERSION + ". Use the runner version that matches the plugin.");
        }
        if (plan.runId() == null || !plan.runId().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            problems.add("runId '" + plan.runId() + "' must match [A-Za-z0-9][A-Za-z0-9._-]* (it names the WAP audit branch).");
        }
        if (!plan.catalog().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            problems.add("catalog '" + plan.catalog() + "' must be a plain identifier such as 'local'.");
        }
        Set<String> earlier = new HashSet<>();
        for (PlanTask task : plan.tasks()) {
            String where = "task '" + task.id() + "'";
            if (task.id() == null || task.id().isBlank()) {
                problems.add("a " + task.kind() + " task has no id; every task needs a unique id.");
                continue;
            }
            for (String dependency : task.dependsOn()) {
                if (!earlier.contains(dependency)) {
                    problems.add(where + " depends on '" + dependency + "', which is not a task listed before it"
                            + " (tasks must be in dependency order, ids exactly as defined).");
                }
            }
            if (!earlier.add(task.id())) {
                problems.add(where + " is defined twice; task ids must be unique.");
            }
            checkTask(task, where, plan);
        }
    }

    private void checkTask(PlanTask task, String where, RunPlan plan) {
        if (task instanceof PlanTask.Sql sql) {
            requireFile(sql.file(), where + " field 'file' (the SQL file)");
        } else if (task instanceof PlanTask.Jar jar) {
            requireFile(jar.jar(), where + " field 'jar'");
            require(jar.mainClass(), where + " field 'mainClass'");
        } else if (task instanceof PlanTask.Python python) {
            requireFile(python.file(), where + " field 'file' (the .py file or wheel)");
            if (python.file() != null && python.file().endsWith(".whl")
                    && require(python.entry(), where + " field 'entry' (the module to run from the wheel)")
                    && !python.entry().matches("[A-Za-z_][\\w.]*(:[A-Za-z_]\\w*)?")) {
                problems.add(where + " field 'entry' is '" + python.entry() + "'; use a module (pkg.main) or"
                        + " module:function (pkg.main:run).");
            }
        } else if (task instanceof PlanTask.Metadata metadata) {
            if (metadata.tables().isEmpty()) {
                problems.add(where + " field 'tables' is empty; list the tables the metadata describes.");
            }
            if (metadata.lifetime() != null && metadata.lifetime() < 0) {
                problems.add(where + " field 'lifetime' is " + metadata.lifetime() + "; use a number of days >= 0.");
            }
        } else if (task instanceof PlanTask.Hwm hwm) {
            require(hwm.table(), where + " field 'table'");
            if (require(hwm.datetime(), where + " field 'datetime'")) {
                try {
                    HwmTaskRunner.parse(hwm.datetime(), hwm.timezone());
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        } else if (task instanceof PlanTask.Wap wap) {
            checkWap(wap, where, plan);
        }
    }

    private void checkWap(PlanTask.Wap wap, String where, RunPlan plan) {
        if (wap.tables().isEmpty()) {
            problems.add(where + " field 'tables' is empty; list the tables the writes change (db.table).");
        }
        if (wap.writes().isEmpty()) {
            problems.add(where + " field 'writes' is empty; give the sql, jar or python tasks that write the tables.");
        }
        Set<String> writeIds = new HashSet<>();
        for (PlanTask write : wap.writes()) {
            String writeWhere = where + " write '" + write.id() + "'";
            if (!(write instanceof PlanTask.Sql || write instanceof PlanTask.Jar || write instanceof PlanTask.Python)) {
                problems.add(writeWhere + " is a " + write.kind() + " task; WAP writes must be sql, jar or python tasks.");
                continue;
            }
            String branch = writeConf(write).get(WapBranch.SETTING);
            if (branch != null && plan.runId() != null && !branch.equals(WapBranch.of(plan.runId()))) {
                problems.add(writeWhere + " conf sets " + WapBranch.SETTING + "=" + branch + ", but the run's audit branch"
                        + " is " + WapBranch.of(plan.runId()) + "; the write would escape the audit. Remove the setting"
                        + " (the WAP task sets it).");
            }
            if (write.id() == null || write.id().isBlank() || !writeIds.add(write.id())) {
                problems.add(where + " has a write without a unique id.");
            }
            checkTask(write, writeWhere, plan);
        }
        for (PlanTask.Audit audit : wap.audits()) {
            problems.addAll(Audits.problems(audit, wap.tables()).stream()
                    .map(problem -> where + " audit '" + audit.function() + "': " + problem).toList());
        }
    }

    private static Map<String, String> writeConf(PlanTask write) {
        if (write instanceof PlanTask.Sql sql) {
            return sql.conf();
        } else if (write instanceof PlanTask.Jar jar) {
            return jar.conf();
        }
        return ((PlanTask.Python) write).conf();
    }

    private boolean require(String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add(what + " is missing.");
            return false;
        }
        return true;
    }

    private void requireFile(String path, String what) {
        if (require(path, what) && !Files.isRegularFile(baseDir.resolve(path))) {
            problems.add(what + " names " + baseDir.resolve(path) + ", which is not a file; the bundle copy must exist.");
        }
    }
}
