package io.dataflow.runner;

import io.dataflow.contract.run.PlanSecrets;
import io.dataflow.contract.run.PlanTask;
import io.dataflow.contract.run.RunPlan;
import io.dataflow.contract.run.WapBranch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        builder.environment().put("PYSPARK_SUBMIT_ARGS", submitArguments(context, task.conf(), pyFile(file)));
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

    /**
     * The job's file as executors' Python can import it ({@code spark.submit.pyFiles}): a wheel is a zip archive, but
     * PySpark puts shipped files on the executors' path only when they end in .zip, .egg or .jar, so a wheel goes as
     * a .zip copy beside it (in the run's copy of the bundle). On {@code local[…]} the executors share the driver's
     * path, and this only costs the copy.
     */
    static Path pyFile(Path file) {
        if (!file.toString().endsWith(".whl")) {
            return file;
        }
        Path zip = file.resolveSibling(file.getFileName() + ".zip");
        try {
            if (!Files.exists(zip)) {
                Files.copy(file, zip);
            }
        } catch (IOException e) {
            throw new TaskFailedException("Cannot copy " + file + " to " + zip + " to ship it to the executors: "
                    + e.getMessage(), e);
        }
        return zip;
    }

    /** The runner's session settings for PySpark's driver, in the form PySpark splits like a shell. */
    private static String submitArguments(RunContext context, Map<String, String> taskConf, Path pyFile) {
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
        // The Iceberg runtime (and the AWS SDK for a catalog on S3): the Python driver's JVM has neither of its own.
        List<String> jars = runtimeJarPaths();
        if (!jars.isEmpty()) {
            arguments.addAll(List.of("--jars", String.join(",", jars)));
        }
        arguments.addAll(List.of("--py-files", pyFile.toString()));
        arguments.add("pyspark-shell");
        return arguments.stream().map(PythonTaskRunner::shellQuote).collect(Collectors.joining(" "));
    }

    private static boolean isShared(String key) {
        return key.startsWith(RunnerSession.SNAPSHOT_PROPERTY_PREFIX) || key.equals(WapBranch.SETTING);
    }

    /** {@link RunnerSession#runtimeJars()} as file paths, for spark-submit's {@code --jars}. */
    private static List<String> runtimeJarPaths() {
        try {
            return RunnerSession.runtimeJars().stream().map(uri -> Path.of(java.net.URI.create(uri)).toString()).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
