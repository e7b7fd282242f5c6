package io.dataflow.runner;

import io.dataflow.contract.run.PlanTask;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Runs {@code main(String[])} of a job JAR in the runner's JVM. The JAR is loaded by the run's
 * {@link JobClassLoader}, whose parent has Spark, so {@code SparkSession.builder().getOrCreate()} in the job
 * returns the runner's session, and local executors find the job's classes (lambdas, UDFs).
 */
final class JarTaskRunner {

    void run(PlanTask.Jar task, RunContext context, TaskOutcome outcome) {
        Path jar = context.resolve(task.jar());
        SparkSession spark = context.spark();
        // The job's own builder().getOrCreate() finds this session as the active one of this thread.
        SparkSession.setActiveSession(spark);
        JobClassLoader loader = JobClassLoader.ofCurrentThread();
        loader.add(jar);
        try {
            invoke(mainMethod(loader, task, jar), task, outcome);
        } finally {
            if (context.restartIfStopped()) {
                outcome.warn(task.mainClass() + " stopped the shared SparkSession; the runner started a new one"
                        + " for what follows");
            }
        }
    }

    private static void invoke(Method main, PlanTask.Jar task, TaskOutcome outcome) {
        ExitGuard guard = ExitGuard.install();
        try {
            main.invoke(null, (Object) task.args().toArray(String[]::new));
        } catch (InvocationTargetException e) {
            ExitGuard.ExitAttempt exit = ExitGuard.exitAttempt(e.getCause());
            if (exit == null) {
                throw new TaskFailedException(task.mainClass() + ".main failed: " + Errors.describe(e.getCause()),
                        e.getCause());
            }
            if (exit.status != 0) {
                throw new TaskFailedException(task.mainClass() + " called System.exit(" + exit.status
                        + "); the runner stopped the exit and failed the task.");
            }
            outcome.warn(task.mainClass() + " called System.exit(0); the runner stopped the exit and took it as success.");
        } catch (IllegalAccessException e) {
            throw new TaskFailedException(task.mainClass() + ".main is not accessible: " + e.getMessage(), e);
        } finally {
            guard.close();
        }
    }

    private static Method mainMethod(ClassLoader loader, PlanTask.Jar task, Path jar) {
        try {
            Method main = Class.forName(task.mainClass(), true, loader).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                throw new TaskFailedException(task.mainClass() + ".main(String[]) in " + jar + " is not static.");
            }
            return main;
        } catch (ClassNotFoundException e) {
            throw new TaskFailedException("Main class " + task.mainClass() + " is not in " + jar
                    + "; check the job's main class in the workflow.");
        } catch (NoSuchMethodException e) {
            throw new TaskFailedException(task.mainClass() + " in " + jar + " has no public static main(String[]).");
        } catch (LinkageError e) {
            throw new TaskFailedException("Cannot load " + task.mainClass() + " from " + jar + ": " + e, e);
        }
    }
}
