package io.dataflow.runner;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The class loader of the run's job JARs. It is the context class loader of the thread that starts
 * Spark, and local-mode executors take that loader as the parent of their own: so classes of a JAR added
 * here later (a job's lambdas, UDFs, encoders) resolve on executors as well as in the driver.
 *
 * <p>All job JARs of a run share this one loader: if two JARs hold the same class name, the JAR added
 * first wins.
 */
final class JobClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private JobClassLoader(ClassLoader parent) {
        super("dataflow-jobs", new URL[0], parent);
    }

    /** Makes a job class loader the current thread's context class loader (once) and returns it. */
    static JobClassLoader installOnCurrentThread() {
        Thread thread = Thread.currentThread();
        if (thread.getContextClassLoader() instanceof JobClassLoader existing) {
            return existing;
        }
        JobClassLoader loader = new JobClassLoader(JobClassLoader.class.getClassLoader());
        thread.setContextClassLoader(loader);
        return loader;
    }

    /** The loader installed when this thread started Spark; failing that, executors could not see job classes. */
    static JobClassLoader ofCurrentThread() {
        if (Thread.currentThread().getContextClassLoader() instanceof JobClassLoader loader) {
            return loader;
        }
        throw new TaskFailedException("JAR tasks need the Spark session to be started by RunnerSession.start on the"
                + " thread that runs the plan (its job class loader is missing).");
    }

    void add(Path jar) {
        try {
            URL url = jar.toUri().toURL();
            if (!Arrays.asList(getURLs()).contains(url)) {
                addURL(url);
            }
        } catch (MalformedURLException e) {
            throw new TaskFailedException("Cannot use " + jar + " as a class path entry: " + e.getMessage(), e);
        }
    }
}
