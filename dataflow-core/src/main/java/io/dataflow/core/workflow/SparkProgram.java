package io.dataflow.core.workflow;

import java.util.List;

/** What a Spark job runs: exactly one of {@code script}, {@code jar} or {@code python}. */
public sealed interface SparkProgram {

    /** {@code script:} a SparkSQL file, usually {@code $S3{./src/x.sql}} or {@code ${dataflow.sql.ns}}. */
    record SqlScript(String script) implements SparkProgram {}

    /** {@code jar:} + {@code main_class:} (+ {@code args:}), usually {@code ${dataflow.jar.ns}}. */
    record JarProgram(String jar, String mainClass, List<String> args) implements SparkProgram {}

    /**
     * {@code python:} a {@code .py} file or a wheel; a wheel needs {@code entry:} (the module or
     * {@code module:function} to run). {@code args:} are passed on.
     */
    record PythonProgram(String python, String entry, List<String> args) implements SparkProgram {}
}
