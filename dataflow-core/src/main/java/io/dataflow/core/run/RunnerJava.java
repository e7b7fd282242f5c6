package io.dataflow.core.run;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Chooses the {@code java} of the forked Spark runner and checks, before any Spark work, that it is a JDK Spark
 * supports ({@link RunnerInfo#javaVersions()}: 17 and 21 for Spark 4.1). Any other fails late and obscurely: on JDK 24+
 * Hadoop throws "getSubject is not supported" in the middle of a run.
 *
 * <ul>
 *   <li>A configured java ({@value #PROPERTY}, a Maven toolchain) is the only one used and must be supported.</li>
 *   <li>Otherwise the JVM running Maven is used when it is supported, else the first supported one of the
 *       alternatives (the JDKs declared in {@code toolchains.xml}), else the run is refused.</li>
 * </ul>
 */
public final class RunnerJava {

    /** The user property (and {@code dataflow:run} parameter) naming the runner's java executable. */
    public static final String PROPERTY = "dataflow.java";

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern SPECIFICATION_VERSION =
            Pattern.compile("^\\s*java\\.specification\\.version = (\\S+)\\s*$", Pattern.MULTILINE);

    /**
     * A java executable and where it comes from, for messages.
     *
     * @param origin e.g. {@code -Ddataflow.java}, {@code the JDK toolchain {version=17}}, {@code the JVM running Maven}
     */
    public record Candidate(Path java, String origin) {

        String describe() {
            return origin + " (" + java + ")";
        }
    }

    private final List<Integer> supported;
    private final String spark;
    private final DataflowLog log;

    public RunnerJava(RunnerInfo runner, DataflowLog log) {
        this.supported = List.copyOf(runner.javaVersions());
        this.spark = "Spark " + runner.sparkVersion();
        this.log = log;
    }

    /**
     * @param configured the java the user chose ({@value #PROPERTY} or a toolchain), or null
     * @param maven the java of the JVM running Maven
     * @param alternatives JDKs to fall back on when Maven's is not supported, in order of preference
     * @return the java executable to fork the runner with
     * @throws InvalidInputException the configured java cannot be started or is not a supported JDK
     * @throws EnvironmentException nothing configured, and neither Maven's JVM nor an alternative is supported
     */
    public Path choose(Candidate configured, Candidate maven, List<Candidate> alternatives) {
        if (configured != null) {
            Probe probe = probe(configured.java());
            if (!probe.supported()) {
                throw new InvalidInputException(configured.describe() + " " + probe.problem() + ". " + fix()
                        + " Or remove it to use the JVM running Maven.");
            }
            log.debug("Spark runner JVM: " + configured.describe() + ", Java " + probe.version());
            return configured.java();
        }
        Probe own = probe(maven.java());
        if (own.supported()) {
            return maven.java();
        }
        StringBuilder tried = new StringBuilder();
        tried.append(System.lineSeparator()).append("  - ").append(maven.describe()).append(' ').append(own.problem());
        for (Candidate alternative : alternatives) {
            Probe probe = probe(alternative.java());
            if (probe.supported()) {
                log.info("Maven runs on Java " + own.version() + ", which " + spark + " does not support; the Spark"
                        + " runner uses Java " + probe.version() + " of " + alternative.describe() + ".");
                return alternative.java();
            }
            tried.append(System.lineSeparator()).append("  - ").append(alternative.describe()).append(' ')
                    .append(probe.problem());
        }
        throw new EnvironmentException("No JDK that " + spark + " supports (Java " + versions() + ") was found for"
                + " the Spark runner of dataflow:run. Tried:" + tried + System.lineSeparator() + fix());
    }

    /** How to point dataflow:run at a supported JDK, for messages. */
    String fix() {
        return "Point dataflow:run at a JDK " + versions() + ": -D" + PROPERTY + "=/path/to/jdk-" + supported.get(0)
                + "/bin/java, or JAVA_HOME=/path/to/jdk-" + supported.get(0) + " for Maven itself, or a JDK "
                + supported.get(0) + " declared in ~/.m2/toolchains.xml (see docs/running.md#which-java-runs-spark).";
    }

    private String versions() {
        return supported.stream().map(String::valueOf).collect(Collectors.joining(" or "));
    }

    /** What a probe found: the Java feature version, or why there is none. */
    private record Probe(Integer version, String problem, boolean supported) {}

    private Probe probe(Path java) {
        Integer version;
        try {
            version = featureVersion(java);
        } catch (EnvironmentException e) {
            return new Probe(null, e.getMessage(), false);
        }
        return supported.contains(version) ? new Probe(version, null, true)
                : new Probe(version, "is Java " + version + ", which " + spark + " does not support (it runs on Java "
                        + versions() + " only; on Java 24 and newer Hadoop fails with \"getSubject is not supported\")",
                        false);
    }

    /**
     * The feature version (17, 21, 25, …) of a java executable, from what it reports about itself.
     *
     * @throws EnvironmentException it cannot be started, or does not report a version, within {@link #PROBE_TIMEOUT};
     *     the message is a phrase to follow the executable's name
     */
    static int featureVersion(Path java) {
        Path output = null;
        try {
            output = Files.createTempFile("dataflow-java-", ".txt");
            Process process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(isWindows() ? "NUL" : "/dev/null")))
                    .start();
            if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EnvironmentException("did not report its version within " + PROBE_TIMEOUT.toSeconds() + " s");
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Matcher matcher = SPECIFICATION_VERSION.matcher(printed);
            if (process.exitValue() != 0 || !matcher.find()) {
                throw new EnvironmentException("is not a working java: '" + java + " -XshowSettings:properties"
                        + " -version' ended with exit code " + process.exitValue() + " and no java.specification.version");
            }
            String specification = matcher.group(1);
            // Java 8 and older report 1.8; from 9 on the feature version itself.
            return Integer.parseInt(specification.startsWith("1.") ? specification.substring(2) : specification);
        } catch (IOException e) {
            throw new EnvironmentException("cannot be started (" + e.getMessage() + ")", e);
        } catch (NumberFormatException e) {
            throw new EnvironmentException("reports an unreadable java.specification.version (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("was interrupted while reporting its version", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a temporary file of a few lines; nothing depends on its removal
                }
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
