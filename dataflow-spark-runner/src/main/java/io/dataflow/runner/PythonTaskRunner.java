package io.dataflow.runner;

import io.dataflow.contract.run.PlanSecrets;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.WapBranch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs a PySpark job as a Python process. PySpark starts its own Spark driver (a second JVM) with the
 * same master, catalog, warehouse and snapshot properties as the runner's session, so the job sees and
 * writes the same tables. Without an interpreter that can {@code import pyspark}, the task fails with a
 * message saying exactly that.
 */
final class PythonTaskRunner {

    /** Environment variable naming the interpreter, as PySpark itself uses it. */
    static final String PYTHON_VARIABLE = "PYSPARK_PYTHON";
    private static final long PROBE_SECONDS = 60;

    void run(PlanTask.Python task, RunContext context) {
        String python = interpreter(context.plan);
        String pysparkVersion = probePyspark(python, task);
        String sparkVersion = context.spark().version();
        if (!pysparkVersion.equals(sparkVersion)) {
            context.log.warn("Task " + task.id() + ": pyspark " + pysparkVersion + " differs from the runner's Spark "
                    + sparkVersion + "; install pyspark==" + sparkVersion + " if the job misbehaves.");
        }
        Path file = context.resolve(task.file());
        List<String> command = new ArrayList<>(List.of(python));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        if (file.toString().endsWith(".whl")) {
            // A wheel is a zip archive; pure-Python packages import straight from it.
            command.addAll(entryArguments(task.entry()));
            String pythonPath = System.getenv("PYTHONPATH");
            builder.environment().put("PYTHONPATH", pythonPath == null ? file.toString() : file + ":" + pythonPath);
        } else {
            command.add(file.toString());
        }
        command.addAll(task.args());
        builder.command(command);
        builder.environment().put("PYSPARK_SUBMIT_ARGS", submitArguments(context, task.conf()));
        // The job gets its secrets as resolved arguments, not the whole run's.
        builder.environment().remove(PlanSecrets.ENVIRONMENT_VARIABLE);
        int exitCode;
        try {
            exitCode = builder.start().waitFor();
        } catch (IOException e) {
            throw new TaskFailedException("Cannot start " + python + " for Python task " + task.id() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskFailedException("Interrupted while Python task " + task.id() + " was running.", e);
        }
        if (exitCode != 0) {
            throw new TaskFailedException("Python job " + file.getFileName() + " exited with status " + exitCode
                    + "; its output is above.");
        }
    }

    static String interpreter(RunPlan plan) {
        String configured = plan.python() != null ? plan.python() : System.getenv(PYTHON_VARIABLE);
        return configured == null || configured.isBlank() ? "python3" : configured;
    }

    /** The pyspark version the interpreter imports; the task fails with the fix if it cannot. */
    private static String probePyspark(String python, PlanTask.Python task) {
        String failure;
        try {
            Process probe = new ProcessBuilder(python, "-c", "import pyspark, sys; sys.stdout.write(pyspark.__version__)")
                    .redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!probe.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                failure = "it did not answer within " + PROBE_SECONDS + " s";
            } else if (probe.exitValue() == 0) {
                return output;
            } else {
                String[] lines = output.split("\n");
                failure = lines[lines.length - 1];
            }
        } catch (IOException e) {
            failure = "cannot start it (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        throw new TaskFailedException("Python task " + task.id() + " (" + task.file() + ") needs Python with pyspark:"
                + " `" + python + " -c 'import pyspark'` failed: " + failure + ". Install pyspark matching the runner's"
                + " Spark into that interpreter (or name one that has it in the plan's 'python' field or in "
                + PYTHON_VARIABLE + "), or run this"
                + " job on a cluster. The workflow's other tasks do not need Python.");
    }

    /**
     * {@code -m module}, or for {@code module:function} a one-liner that imports the module and calls the
     * function (its return value becomes the exit status, as with console-script entry points). Either
     * way {@code sys.argv[1:]} holds the task's args.
     */
    static List<String> entryArguments(String entry) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            return List.of("-m", entry);
        }
        String module = entry.substring(0, colon);
        String function = entry.substring(colon + 1);
        return List.of("-c", "import sys, importlib; sys.argv[0] = '" + entry + "'; "
                + "sys.exit(getattr(importlib.import_module('" + module + "'), '" + function + "')())");
    }

    /** The runner's session settings for PySpark's driver, in the form PySpark splits like a shell. */
    private static String submitArguments(RunContext context, Map<String, String> taskConf) {
        List<String> arguments = new ArrayList<>(List.of("--master", context.plan.master()));
        Map<String, String> conf = new LinkedHashMap<>(RunnerSession.settings(context.plan, context.baseDir));
        new TreeMap<>(CollectionConverters.asJava(context.spark().conf().getAll())).forEach((key, value) -> {
            if (isShared(key)) {
                conf.put(key, value);
            }
        });
        // PySpark starts a new driver, so static settings (memory, cores) apply here too.
        conf.putAll(taskConf);
        conf.forEach((key, value) -> arguments.addAll(List.of("--conf", key + "=" + value)));
        String icebergJar = icebergRuntimeJar();
        if (icebergJar != null) {
            arguments.addAll(List.of("--jars", icebergJar));
        }
        arguments.add("pyspark-shell");
        return arguments.stream().map(PythonTaskRunner::shellQuote).collect(Collectors.joining(" "));
    }

    private static boolean isShared(String key) {
        return key.startsWith(RunnerSession.SNAPSHOT_PROPERTY_PREFIX) || key.equals(WapBranch.SETTING);
    }

    /** The Iceberg runtime JAR on the runner's class path, for PySpark's driver. */
    private static String icebergRuntimeJar() {
        try {
            Class<?> catalog = Class.forName("org.apache.iceberg.spark.SparkCatalog");
            return Path.of(catalog.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
