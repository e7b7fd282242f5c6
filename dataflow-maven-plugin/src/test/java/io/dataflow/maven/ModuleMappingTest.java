package io.dataflow.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.JarSource;
import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.sql.SqlAssetDeclaration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleMappingTest {

    @TempDir
    Path root;

    @Test
    void aJarModuleWithANamespaceIsAJarAssetOfItsBuiltArtifact() throws IOException {
        MavenProject module = module(root.resolve("scala-workflow"), "scala-workflow", "jar");
        Path jar = touch("scala-workflow/target/scala-workflow-1.jar");
        module.setArtifact(artifact("scala-workflow", null, jar));

        ModuleSources sources = ModuleMapping.toSources(module, new ModuleSettings(" scala-workflow ", null, null));

        assertThat(sources.name()).isEqualTo("scala-workflow");
        assertThat(sources.directory()).isEqualTo(root.resolve("scala-workflow"));
        assertThat(sources.pomFile()).isEqualTo(root.resolve("scala-workflow/pom.xml"));
        assertThat(sources.buildDirectory()).isEqualTo(root.resolve("scala-workflow/target"));
        assertThat(sources.jar()).isEqualTo(new JarSource("scala-workflow", jar, "org.example:scala-workflow:1.0"));
    }

    @Test
    void theAttachedShadedJarWinsOverTheMainArtifact() throws IOException {
        MavenProject module = module(root, "job", "jar");
        module.setArtifact(artifact("job", null, touch("target/job-1.jar")));
        Path shaded = touch("target/job-1-shaded.jar");
        module.addAttachedArtifact(artifact("job", "shaded", shaded));

        assertThat(ModuleMapping.jarSource(module, "job").file()).isEqualTo(shaded);
    }

    @Test
    void aJarNotBuiltYetHasNoFileButIsStillAnAsset() {
        MavenProject module = module(root, "job", "jar");

        JarSource jar = ModuleMapping.jarSource(module, "job");

        assertThat(jar.namespace()).isEqualTo("job");
        assertThat(jar.file()).isNull();
    }

    @Test
    void withoutANamespaceOrWithPomPackagingThereIsNoJar() {
        assertThat(ModuleMapping.jarSource(module(root, "job", "jar"), " ")).isNull();
        assertThat(ModuleMapping.jarSource(module(root, "parent", "pom"), "python-things")).isNull();
    }

    @Test
    void aNamespaceOnAnotherPackagingOrAnInvalidOneIsRejectedNamingThePom() {
        File pom = root.resolve("pom.xml").toFile();

        assertThatThrownBy(() -> ModuleMapping.jarSource(module(root, "web", "war"), "web"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(pom.getPath())
                .hasMessageContaining("Remove <namespace> or use <packaging>jar</packaging>");
        assertThatThrownBy(() -> ModuleMapping.jarSource(module(root, "job", "jar"), "Bad.Name"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Invalid namespace 'Bad.Name' in " + pom + " (dataflow-maven-plugin parameter <namespace>)");
    }

    @Test
    void subModulesMayBeNamedByDirectoryOrByPom() {
        MavenProject parent = module(root, "parent", "pom");
        parent.getModel().setModules(List.of("scala-workflow", "nested/../pyspark-workflow/pom.xml"));

        assertThat(ModuleMapping.subModuleDirectories(parent))
                .containsExactly(root.resolve("scala-workflow"), root.resolve("pyspark-workflow"));
    }

    @Test
    void theReactorMapsToTheComponentsOfTheSeedLayout() throws Exception {
        try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("master").call()) {
            touch("main.sch.yaml", "scala-workflow/main.sch.yaml", "pyspark-workflow/main.sch.yaml",
                    "pyspark-workflow/hello_world/pyproject.toml", "pyspark-workflow/sql/daily.sql",
                    "pyspark-workflow/target/dataflow/copied.sch.yaml");
        }
        MavenProject parent = module(root, "stranger-data", "pom");
        parent.getModel().setModules(List.of("scala-workflow", "pyspark-workflow"));
        MavenProject scala = module(root.resolve("scala-workflow"), "scala-workflow", "jar");
        MavenProject pyspark = module(root.resolve("pyspark-workflow"), "pyspark-workflow", "pom");

        List<ModuleSources> modules = List.of(
                ModuleMapping.toSources(parent, new ModuleSettings(null, Map.of(), List.of())),
                ModuleMapping.toSources(scala, new ModuleSettings("scala-workflow", Map.of(), List.of())),
                ModuleMapping.toSources(pyspark, new ModuleSettings(null, Map.of("hello_world", "pyspark-hello"),
                        List.of(new SqlAssetDeclaration("sql/daily.sql", "daily-orders")))));

        assertThat(new DataflowProject(modules, DataflowLog.SILENT).components().toText()).containsExactly(
                "Python Assets:", "-> ./pyspark-workflow/hello_world/", "Summary: 1 found.",
                "SQL Assets:", "-> ./pyspark-workflow/sql/daily.sql", "Summary: 1 found.",
                "JAR Assets:", "-> ./scala-workflow/pom.xml", "Summary: 1 found.",
                "Scheduler Workflows:", "-> ./main.sch.yaml", "-> ./scala-workflow/main.sch.yaml",
                "-> ./pyspark-workflow/main.sch.yaml", "Summary: 3 found.");
    }

    @Test
    void injectedPythonPackagesByPathJoinTheNamespacesByDirectoryAndEmptyEntriesConfigureNothing() {
        ListModuleMojo mojo = new ListModuleMojo(null);
        Map<String, String> byDirectory = new LinkedHashMap<>();
        byDirectory.put("hello_world", "pyspark-hello");
        byDirectory.put("unnamed", null); // <unnamed/>
        mojo.pythonNamespaces = byDirectory;
        mojo.pythonPackages = List.of(new PythonPackageNamespace("jobs/etl", "etl"));
        mojo.sqlAssets = List.of(new SqlAsset("sql/daily.sql", null));
        mojo.namespace = "jobs";

        assertThat(mojo.moduleSettings()).isEqualTo(new ModuleSettings("jobs",
                Map.of("hello_world", "pyspark-hello", "jobs/etl", "etl"),
                List.of(new SqlAssetDeclaration("sql/daily.sql", null))));
        assertThat(mojo.moduleSettings().pythonNamespaces()).containsExactly(
                Map.entry("hello_world", "pyspark-hello"), Map.entry("jobs/etl", "etl"));
    }

    @Test
    void aPythonPackageWithoutPathIsRejectedWithTheFix() {
        assertThatThrownBy(() -> ModuleSettings.requirePath(" "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("<path>jobs/etl</path>");
    }

    private Path touch(String... paths) throws IOException {
        Path last = null;
        for (String path : paths) {
            last = root.resolve(path);
            Files.createDirectories(last.getParent());
            Files.writeString(last, path.endsWith(".sch.yaml") ? "Workflow:\n  id: w\n" : "x");
        }
        return last;
    }

    private static MavenProject module(Path directory, String artifactId, String packaging) {
        Model model = new Model();
        model.setGroupId("org.example");
        model.setArtifactId(artifactId);
        model.setVersion("1.0");
        model.setPackaging(packaging);
        model.setBuild(new Build());
        model.getBuild().setDirectory(directory.resolve("target").toString());
        MavenProject project = new MavenProject(model);
        project.setFile(directory.resolve("pom.xml").toFile());
        return project;
    }

    private static DefaultArtifact artifact(String artifactId, String classifier, Path file) {
        DefaultArtifact artifact = new DefaultArtifact("org.example", artifactId, "1.0", "compile", "jar", classifier,
                new DefaultArtifactHandler("jar"));
        artifact.setFile(file.toFile());
        return artifact;
    }
}
