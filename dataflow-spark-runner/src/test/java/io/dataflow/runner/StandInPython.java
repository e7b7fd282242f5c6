package io.dataflow.runner;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataflow.core.run.RunnerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Executable stand-ins for a Python interpreter that has pyspark, which cannot be installed on the build machines.
 * Each answers the runner's pyspark probe with the given Spark version, as an installed pyspark would.
 */
final class StandInPython {

    private StandInPython() {}

    /**
     * Records each call (arguments, {@code PYTHONPATH}, {@code PYSPARK_SUBMIT_ARGS}) into {@code calls}; exits with
     * status 4 when the job's first argument (after {@code -m module}) is {@code fail}.
     */
    static Path recording(Path dir, String sparkVersion, Path calls) throws IOException {
        return script(dir.resolve("recording-python"), sparkVersion, """
                { echo "args: $*"; echo "PYTHONPATH=$PYTHONPATH"; echo "PYSPARK_SUBMIT_ARGS=$PYSPARK_SUBMIT_ARGS"; } >> %s
                [ "$3" = "fail" ] && exit 4
                exit 0
                """.formatted(quote(calls.toString())));
    }

    /**
     * Does what PySpark does with {@code python job.py SQL}: starts a Spark driver of its own, a new JVM with the
     * master and settings of {@code PYSPARK_SUBMIT_ARGS}, which runs the job's first argument as one SQL statement.
     */
    static Path runningSql(Path dir, String sparkVersion) throws IOException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        java.addAll(RunnerInfo.read(Path.of("target", "classes")).jvmOptions());
        java.addAll(List.of("-cp", JobJars.testClassPath(), PysparkDriverStandIn.class.getName()));
        return script(dir.resolve("sql-python"), sparkVersion, """
                sql="$2"
                eval "set -- $PYSPARK_SUBMIT_ARGS"
                exec %s "$@" "$sql"
                """.formatted(java.stream().map(StandInPython::quote).collect(Collectors.joining(" "))));
    }

    private static Path script(Path file, String sparkVersion, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n"
                + "case \"$2\" in *\"import pyspark\"*) printf '%s' " + quote(sparkVersion) + "; exit 0;; esac\n" + body);
        assumeTrue(file.toFile().setExecutable(true), "cannot make a test script executable on this file system");
        return file;
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
