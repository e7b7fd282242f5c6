package io.dataflow.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonPackageDiscoveryTest {

    @TempDir
    Path module;

    private void touch(String relative) throws IOException {
        Path file = module.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
    }

    @Test
    void findsPyprojectAndSetupPyPackagesNamedAfterTheirDirectories() throws IOException {
        touch("hello_world/pyproject.toml");
        touch("jobs/daily-load/setup.py");
        touch("jobs/README.md");

        List<PythonPackage> packages = PythonPackageDiscovery.discover(module, List.of(), Map.of());

        assertThat(packages).extracting(PythonPackage::namespace, PythonPackage::relativePath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hello_world", "hello_world"),
                        org.assertj.core.groups.Tuple.tuple("daily-load", "jobs/daily-load"));
        assertThat(packages.get(0).directory()).isEqualTo(module.resolve("hello_world").toAbsolutePath().normalize());
    }

    @Test
    void skipsTargetBuildOutputsHiddenDirectoriesVirtualenvsAndSubModules() throws IOException {
        touch("target/classes/copied/pyproject.toml");
        touch("build/lib/pkg/setup.py");
        touch("dist/unpacked/setup.py");
        touch(".venv/lib/python3.11/site-packages/foo/setup.py");
        touch(".git/hooks/setup.py");
        touch("myenv/pyvenv.cfg");
        touch("myenv/lib/python3.11/site-packages/bar/pyproject.toml");
        touch("child-module/pyspark_job/pyproject.toml");
        touch("kept/pyproject.toml");

        List<PythonPackage> packages =
                PythonPackageDiscovery.discover(module, List.of(module.resolve("child-module")), Map.of());

        assertThat(packages).extracting(PythonPackage::relativePath).containsExactly("kept");
    }

    @Test
    void subModulesMayBeGivenRelativeToTheModule() throws IOException {
        touch("child-module/pkg/pyproject.toml");

        assertThat(PythonPackageDiscovery.discover(module, List.of(Path.of("child-module")), Map.of())).isEmpty();
    }

    @Test
    void aPackagesOwnSubdirectoriesAreNotSeparatePackages() throws IOException {
        touch("outer/pyproject.toml");
        touch("outer/vendored/inner/setup.py");

        assertThat(PythonPackageDiscovery.discover(module, List.of(), Map.of()))
                .extracting(PythonPackage::relativePath).containsExactly("outer");
    }

    @Test
    void theModuleDirectoryItselfCanBeThePackage() throws IOException {
        Path moduleDir = module.resolve("pyspark-workflow");
        Files.createDirectories(moduleDir);
        Files.writeString(moduleDir.resolve("pyproject.toml"), "");

        assertThat(PythonPackageDiscovery.discover(moduleDir, List.of(), Map.of()))
                .extracting(PythonPackage::namespace, PythonPackage::relativePath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pyspark-workflow", "."));
    }

    @Test
    void configuredNamespaceReplacesTheDirectoryName() throws IOException {
        touch("HelloWorld/pyproject.toml");
        touch("jobs/etl/setup.py");

        List<PythonPackage> packages = PythonPackageDiscovery.discover(module, List.of(),
                Map.of("HelloWorld", "hello-world", "./jobs/etl/", "nightly-etl"));

        assertThat(packages).extracting(PythonPackage::namespace).containsExactly("hello-world", "nightly-etl");
    }

    @Test
    void invalidDirectoryNameNamesTheDirectoryAndHowToConfigureANamespace() throws IOException {
        touch("HelloWorld/pyproject.toml");

        assertThatThrownBy(() -> PythonPackageDiscovery.discover(module, List.of(), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(module.resolve("HelloWorld").toString())
                .hasMessageContaining("'HelloWorld'")
                .hasMessageContaining("configure a namespace for package path 'HelloWorld', e.g. 'helloworld'");
    }

    @Test
    void invalidConfiguredNamespaceIsRejected() throws IOException {
        touch("hello_world/pyproject.toml");

        assertThatThrownBy(() -> PythonPackageDiscovery.discover(module, List.of(), Map.of("hello_world", "Hello.World")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Invalid namespace 'Hello.World'")
                .hasMessageContaining("Python package 'hello_world'");
    }

    @Test
    void namespaceConfiguredForADirectoryThatIsNoPackageIsAnError() throws IOException {
        touch("hello_world/pyproject.toml");
        touch("target/generated/pyproject.toml");

        assertThatThrownBy(() -> PythonPackageDiscovery.discover(module, List.of(), Map.of("helo_world", "hello")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'helo_world'")
                .hasMessageContaining("holds no pyproject.toml or setup.py")
                .hasMessageContaining("Packages found: [hello_world]");
        assertThatThrownBy(() -> PythonPackageDiscovery.discover(module, List.of(), Map.of("target/generated", "gen")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("target/generated");
    }

    @Test
    void twoPackagesWithOneNamespaceAreAnError() throws IOException {
        touch("a/etl/pyproject.toml");
        touch("b/etl/setup.py");

        assertThatThrownBy(() -> PythonPackageDiscovery.discover(module, List.of(), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'a/etl' and 'b/etl'")
                .hasMessageContaining("namespace 'etl'");
    }

    @Test
    void moduleWithoutPythonHasNoPackages() throws IOException {
        touch("src/main/java/App.java");

        assertThat(PythonPackageDiscovery.discover(module, List.of(), Map.of())).isEmpty();
    }
}
