package io.dataflow.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.fixtures.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK check of dataflow:run, on real java executables: the JDK running the tests, and the Temurin 25 these
 * machines have (a JDK Spark 4.1 cannot run on: Hadoop fails with "getSubject is not supported").
 */
class RunnerJavaTest {

    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final Path RUNNING = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final RunnerInfo SPARK_4_1 = new RunnerInfo(List.of(), "4.1.3", "1.12.0", "2.13", List.of(17, 21));

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final RunnerJava runnerJava = new RunnerJava(SPARK_4_1, log);

    @Test
    void readsTheFeatureVersionTheJavaReportsAboutItself() {
        assertThat(RunnerJava.featureVersion(RUNNING)).isEqualTo(Runtime.version().feature());
    }

    @Test
    void refusesAConfiguredJdk25NamingTheSupportedVersionsAndHowToPointAtOne() {
        assumeJdk25();
        assertThat(RunnerJava.featureVersion(JDK_25)).isEqualTo(25);

        assertThatThrownBy(() -> runnerJava.choose(new RunnerJava.Candidate(JDK_25, "-Ddataflow.java"),
                new RunnerJava.Candidate(RUNNING, "the JVM running Maven"), List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("-Ddataflow.java (" + JDK_25 + ") is Java 25, which Spark 4.1.3 does not"
                        + " support (it runs on Java 17 or 21 only;")
                .hasMessageContaining("getSubject is not supported")
                .hasMessageContaining("-Ddataflow.java=/path/to/jdk-17/bin/java")
                .hasMessageContaining("JAVA_HOME=/path/to/jdk-17")
                .hasMessageContaining("~/.m2/toolchains.xml");
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void mavenOnJdk25FallsBackToASupportedToolchainJdk() {
        assumeJdk25();
        assumeRunningJdkIsSupported();
        Path missing = dir.resolve("no-such-jdk/bin/java");

        Path chosen = runnerJava.choose(null, new RunnerJava.Candidate(JDK_25, "the JVM running Maven"),
                List.of(new RunnerJava.Candidate(missing, "a JDK toolchain of toolchains.xml"),
                        new RunnerJava.Candidate(RUNNING, "a JDK toolchain of toolchains.xml")));

        assertThat(chosen).isEqualTo(RUNNING);
        assertThat(log.lines()).containsExactly("Maven runs on Java 25, which Spark 4.1.3 does not support; the Spark"
                + " runner uses Java " + Runtime.version().feature() + " of a JDK toolchain of toolchains.xml ("
                + RUNNING + ").");
    }

    @Test
    void mavenOnJdk25WithNoSupportedAlternativeIsRefusedListingWhatWasTried() {
        assumeJdk25();
        Path missing = dir.resolve("no-such-jdk/bin/java");

        assertThatThrownBy(() -> runnerJava.choose(null, new RunnerJava.Candidate(JDK_25, "the JVM running Maven"),
                List.of(new RunnerJava.Candidate(missing, "a JDK toolchain of toolchains.xml"))))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageStartingWith("No JDK that Spark 4.1.3 supports (Java 17 or 21) was found for the Spark"
                        + " runner of dataflow:run. Tried:")
                .hasMessageContaining("  - the JVM running Maven (" + JDK_25 + ") is Java 25,")
                .hasMessageContaining("  - a JDK toolchain of toolchains.xml (" + missing + ") cannot be started")
                .hasMessageContaining("-Ddataflow.java=/path/to/jdk-17/bin/java");
    }

    @Test
    void aSupportedMavenJvmIsUsedWithoutProbingAlternatives() {
        assumeRunningJdkIsSupported();
        Path notJava = dir.resolve("not-java");

        Path chosen = runnerJava.choose(null, new RunnerJava.Candidate(RUNNING, "the JVM running Maven"),
                List.of(new RunnerJava.Candidate(notJava, "a JDK toolchain of toolchains.xml")));

        assertThat(chosen).isEqualTo(RUNNING);
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void aConfiguredJavaThatCannotStartOrIsNoJavaIsRefusedByName() throws IOException {
        Path missing = dir.resolve("jdk-17/bin/java");
        Path script = dir.resolve("java");
        Files.writeString(script, "#!/bin/sh\necho 'not a JVM'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        RunnerJava.Candidate maven = new RunnerJava.Candidate(RUNNING, "the JVM running Maven");

        assertThatThrownBy(() -> runnerJava.choose(new RunnerJava.Candidate(missing, "-Ddataflow.java"), maven, List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("-Ddataflow.java (" + missing + ") cannot be started (");
        assertThatThrownBy(() -> runnerJava.choose(new RunnerJava.Candidate(script, "-Ddataflow.java"), maven, List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("-Ddataflow.java (" + script + ") is not a working java:");
    }

    private static void assumeJdk25() {
        assumeTrue(Files.isExecutable(JDK_25), "No JDK 25 at " + JDK_25 + " (Temurin 25 of these machines): the cases"
                + " that need a real JDK Spark cannot run on are skipped.");
    }

    private static void assumeRunningJdkIsSupported() {
        assumeTrue(SPARK_4_1.javaVersions().contains(Runtime.version().feature()), "The tests run on Java "
                + Runtime.version().feature() + ", which Spark 4.1 does not support: no supported JDK to choose.");
    }
}
