package io.dataflow.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectComponentsTest {

    @TempDir
    Path root;

    @Test
    void eachModuleOwnsTheWorkflowsUnderItsDirectoryExceptTargetAndOtherModules() throws IOException {
        MavenProject parent = module(root, "pom");
        MavenProject scala = module(root.resolve("scala-workflow"), "jar");
        touch("main.sch.yaml", "ddl/setup.sch.yaml", "target/copied.sch.yaml", ".git/hooks/x.sch.yaml",
                "notes.yaml", "scala-workflow/main.sch.yaml", "scala-workflow/target/classes/main.sch.yaml",
                "standalone/pom.xml", "standalone/other.sch.yaml");
        List<MavenProject> reactor = List.of(parent, scala);

        assertThat(ProjectComponents.workflows(parent, reactor))
                .containsExactly(root.resolve("ddl/setup.sch.yaml"), root.resolve("main.sch.yaml"));
        assertThat(ProjectComponents.workflows(scala, reactor))
                .containsExactly(root.resolve("scala-workflow/main.sch.yaml"));
    }

    @Test
    void jarAssetsAreJarModulesWithANamespace() {
        MavenProject withNamespace = DataflowLifecycleParticipantTest.projectDeclaring(
                DataflowLifecycleParticipantTest.plugin(true, "scala-workflow"));
        withNamespace.setPackaging("jar");
        MavenProject pomWithNamespace = DataflowLifecycleParticipantTest.projectDeclaring(
                DataflowLifecycleParticipantTest.plugin(true, "parent-ns"));
        pomWithNamespace.setPackaging("pom");
        MavenProject withoutPlugin = module(root, "jar");

        assertThat(ProjectComponents.jarAssets(List.of(withNamespace, pomWithNamespace, withoutPlugin)))
                .containsExactly(withNamespace);
    }

    private void touch(String... paths) throws IOException {
        for (String path : paths) {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
        }
    }

    private static MavenProject module(Path dir, String packaging) {
        Model model = new Model();
        model.setGroupId("org.example");
        model.setArtifactId(dir.getFileName().toString());
        model.setVersion("1");
        model.setPackaging(packaging);
        model.setBuild(new Build());
        model.getBuild().setDirectory(dir.resolve("target").toString());
        MavenProject project = new MavenProject(model);
        project.setFile(dir.resolve("pom.xml").toFile());
        return project;
    }
}
