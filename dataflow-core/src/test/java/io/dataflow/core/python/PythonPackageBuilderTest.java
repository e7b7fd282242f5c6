package io.dataflow.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonPackageBuilderTest {

    @TempDir
    Path dir;

    private final PythonInterpreter interpreter = PythonFixtures.buildInterpreter();
    private final PythonPackageBuilder builder =
            new PythonPackageBuilder(interpreter, Duration.ofMinutes(2), DataflowLog.SILENT);

    @Test
    void buildsTheWheelIntoTheOutputDirectoryWithoutTouchingTheSources() throws IOException {
        Path pkg = PythonFixtures.copy("hello_world", dir);
        List<String> before = PythonFixtures.tree(pkg);

        Path wheel = builder.build(pkg, dir.resolve("target/dataflow/python/hello_world"));

        assertThat(wheel).isRegularFile()
                .hasFileName("hello_world-0.1.0-py3-none-any.whl")
                .hasParent(dir.resolve("target/dataflow/python/hello_world"));
        assertThat(PythonFixtures.tree(pkg)).as("no build/, *.egg-info or __pycache__ in the sources")
                .isEqualTo(before);
    }

    @Test
    void theBuiltWheelInstallsIntoAFreshVirtualenvOfflineAndItsJobRuns() throws Exception {
        Path wheel = builder.build(PythonFixtures.copy("hello_world", dir), dir.resolve("out"));
        Path venv = dir.resolve("venv");

        PythonFixtures.run(dir, interpreter.executable(), "-m", "venv", venv.toString());
        Path python = venv.resolve("bin/python");
        PythonFixtures.run(dir, python.toString(), "-m", "pip", "--isolated", "install", "--no-deps", "--no-index",
                wheel.toString());
        // run from an unrelated directory so the import can only come from the installed wheel
        String output = PythonFixtures.run(venv, python.toString(), "-c",
                "import hello_world.job as job, sys; print(job.main(['wheel'])); print(job.__file__)");

        assertThat(output).contains("Hello, wheel!").contains(venv.resolve("lib").toString());
    }

    @Test
    void unchangedSourcesGiveAByteIdenticalWheel() throws Exception {
        Path pkg = PythonFixtures.copy("hello_world", dir);
        Path first = builder.build(pkg, dir.resolve("first"));
        // a later checkout: same content, newer file times
        Files.setLastModifiedTime(pkg.resolve("hello_world/job.py"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Path second = builder.build(pkg, dir.resolve("second"));

        assertThat(sha256(second)).isEqualTo(sha256(first));

        Files.writeString(pkg.resolve("hello_world/job.py"), "\n# changed\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(sha256(builder.build(pkg, dir.resolve("third")))).isNotEqualTo(sha256(first));
    }

    @Test
    void buildsSetupPyAndSrcLayoutPackagesAndReplacesOldWheelsInTheOutputDirectory() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("legacy_setup-1.0.0-py3-none-any.whl"), "stale");

        Path legacy = builder.build(PythonFixtures.copy("legacy_setup", dir), out);
        Path src = builder.build(PythonFixtures.copy("spark_job", dir), dir.resolve("out-src"));

        assertThat(legacy).hasFileName("legacy_setup-2.0.0-py3-none-any.whl");
        try (var files = Files.list(out)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(legacy.getFileName().toString());
        }
        assertThat(src).hasFileName("spark_job-1.2.0-py3-none-any.whl");
        assertThat(wheelEntries(src)).contains("spark_job/transform.py");
    }

    @Test
    void aBrokenBuildFailsWithPipsOutputAndLeavesNoWheel() throws IOException {
        Path pkg = dir.resolve("broken");
        Files.createDirectories(pkg);
        Files.writeString(pkg.resolve("pyproject.toml"), String.join("\n",
                "[build-system]",
                "requires = [\"no-such-backend\"]",
                "build-backend = \"no_such_backend.api\"",
                "[project]",
                "name = \"broken\"",
                "version = \"0.1\""));

        assertThatThrownBy(() -> builder.build(pkg, dir.resolve("out")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Building the wheel of " + pkg + " failed")
                .hasMessageContaining("no_such_backend");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aDirectoryWithoutPackageMetadataIsRejected() throws IOException {
        Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> builder.build(dir.resolve("empty"), dir.resolve("out")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds neither pyproject.toml nor setup.py");
    }

    @Test
    void anInterpreterWithoutBuildToolsIsRefusedBeforeAnythingRuns() throws IOException {
        PythonInterpreter bare = new PythonInterpreter("bare", "/bin/false", "3.11.0", Set.of("pytest"));
        Path pkg = PythonFixtures.copy("hello_world", dir);

        assertThatThrownBy(() -> new PythonPackageBuilder(bare, Duration.ofMinutes(1), DataflowLog.SILENT)
                        .build(pkg, dir.resolve("out")))
                .isInstanceOf(EnvironmentException.class)
                .hasMessageContaining("lacks pip, setuptools, wheel");
    }

    @Test
    void anInterpreterWithoutWheelBuildsInIsolationFromLocalFindLinks() throws Exception {
        Path links = localBuildBackendWheels();
        Path venv = dir.resolve("venv");
        PythonFixtures.run(dir, interpreter.executable(), "-m", "venv", venv.toString());
        PythonInterpreter pipOnly = new PythonInterpreters(venv.resolve("bin/python").toString(), DataflowLog.SILENT)
                .forIsolatedBuilding();
        org.junit.jupiter.api.Assumptions.assumeFalse(pipOnly.canBuildWheels(),
                "the venv of " + interpreter.describe() + " already has wheel, so isolation is not what makes it work");

        Path wheel = new PythonPackageBuilder(pipOnly, List.of(links.toUri().toString()), Duration.ofMinutes(2),
                DataflowLog.SILENT).build(PythonFixtures.copy("hello_world", dir), dir.resolve("out"));

        assertThat(wheel).hasFileName("hello_world-0.1.0-py3-none-any.whl");
        assertThat(wheelEntries(wheel)).contains("hello_world/job.py");
    }

    @Test
    void findLinksMustBeLocal() {
        for (String link : List.of("https://pypi.org/simple", "/no/such/wheels", "file:///no/such/wheels")) {
            assertThatThrownBy(() -> new PythonPackageBuilder(interpreter, List.of(link), Duration.ofMinutes(1),
                            DataflowLog.SILENT))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'" + link + "' (dataflow.python.findLinks) is not an existing local");
        }
    }

    /** A local directory with setuptools and wheel wheels, or the test is skipped saying why. */
    private static Path localBuildBackendWheels() throws IOException {
        for (Path candidate : List.of(Path.of("/opt/pypi/files"), Path.of("/usr/share/python-wheels"))) {
            if (Files.isDirectory(candidate)) {
                try (var files = Files.list(candidate)) {
                    List<String> names = files.map(file -> file.getFileName().toString()).toList();
                    if (names.stream().anyMatch(name -> name.startsWith("setuptools-") && name.endsWith(".whl"))
                            && names.stream().anyMatch(name -> name.startsWith("wheel-") && name.endsWith(".whl"))) {
                        return candidate;
                    }
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(false, "no local directory with setuptools and wheel wheels"
                + " (/opt/pypi/files, /usr/share/python-wheels) on this machine, so isolated offline builds cannot be tested");
        return null;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> wheelEntries(Path wheel) throws IOException {
        try (var zip = new java.util.zip.ZipFile(wheel.toFile())) {
            return zip.stream().map(java.util.zip.ZipEntry::getName).toList();
        }
    }
}
