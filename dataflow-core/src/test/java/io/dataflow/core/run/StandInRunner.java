package io.dataflow.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A stand-in for the real runner JAR, compiled at test time: a class {@code io.dataflow.runner.SparkRunnerMain}
 * that records how it was started (arguments, working directory, JVM options, environment) and then copies a given
 * result file into place and exits with a given code. The real runner is forked against real Spark by the
 * end-to-end test in {@code dataflow-spark-runner}; this one makes the engine's side fast to test.
 */
final class StandInRunner {

    private static final String SOURCE = """
            package io.dataflow.runner;

            import java.nio.file.*;
            import java.util.*;

            public class SparkRunnerMain {
                public static void main(String[] args) throws Exception {
                    Path record = Path.of(System.getProperty("standin.record"));
                    List<String> lines = new ArrayList<>();
                    lines.add("args=" + String.join(" ", args));
                    lines.add("cwd=" + Path.of("").toAbsolutePath());
                    lines.add("marker=" + System.getProperty("standin.marker"));
                    lines.add("SPARK_LOCAL_IP=" + System.getenv("SPARK_LOCAL_IP"));
                    lines.add("AWS_ACCESS_KEY_ID=" + System.getenv("AWS_ACCESS_KEY_ID"));
                    lines.add("planExists=" + Files.isRegularFile(Path.of(args[0])));
                    Files.write(record, lines);
                    System.out.println("[dataflow-run] stand-in started with " + args.length + " arguments");
                    System.err.println("WARN stand-in: something Spark would say");
                    String result = System.getProperty("standin.result");
                    if (!result.isEmpty()) {
                        Files.copy(Path.of(result), Path.of(args[1]), StandardCopyOption.REPLACE_EXISTING);
                    }
                    System.exit(Integer.getInteger("standin.exit", 0));
                }
            }
            """;

    private StandInRunner() {}

    /** Compiles the stand-in into {@code dir} (a "classes directory" runner) with JVM options that mark it. */
    static Path build(Path dir) throws IOException {
        Path source = dir.resolve("src/io/dataflow/runner/SparkRunnerMain.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-d", classes.toString(), source.toString());
        if (status != 0) {
            throw new IllegalStateException("the stand-in runner did not compile");
        }
        Path properties = classes.resolve(RunnerInfo.RESOURCE);
        Files.createDirectories(properties.getParent());
        Files.writeString(properties, "jvm.options=-Xmx64m -Dstandin.marker=from-runner-properties\n"
                + "spark.version=4.1.3\niceberg.version=1.12.0\nscala.binary.version=2.13\njava.versions=17 21\n");
        return classes;
    }

    static SparkLaunch launch(Path classes, Path record, Path result, int exit) {
        return new SparkLaunch(Path.of(System.getProperty("java.home"), "bin", "java"), classes,
                new SparkClasspath(List.of(classes)),
                List.of("-Dstandin.record=" + record, "-Dstandin.result=" + (result == null ? "" : result),
                        "-Dstandin.exit=" + exit), null);
    }
}
