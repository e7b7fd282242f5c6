package io.dataflow.core.run;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.fixtures.ArchetypeSample;
import io.dataflow.core.fixtures.TestRepository;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.DeployReport;
import io.dataflow.core.project.JarSource;
import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;

/**
 * A real git repository of user/stranger-data with a JAR module {@code jobs} (namespace {@code jobs}; its "JAR" is
 * any bytes) and a pom module {@code flows} holding the workflows; {@link #deploy} is a real {@code mvn deploy} of it
 * through the engine.
 */
final class RunFixture implements AutoCloseable {

    private final Git git;
    private final Path root;
    private final String jarNamespace;

    private RunFixture(Git git, Path root, String jarNamespace) {
        this.git = git;
        this.root = root;
        this.jarNamespace = jarNamespace;
    }

    static RunFixture create(Path root) throws Exception {
        return create(root, "jobs");
    }

    /** @param jarNamespace the namespace of the {@code jobs} module's JAR */
    static RunFixture create(Path root, String jarNamespace) throws Exception {
        Git git = TestRepository.init(root, "master", "git@github.com:user/stranger-data.git");
        RunFixture fixture = new RunFixture(git, root.toAbsolutePath().normalize(), jarNamespace);
        fixture.write(".gitignore", "target/\n");
        fixture.write("pom.xml", "<project><artifactId>stranger-data</artifactId></project>\n");
        fixture.write("jobs/pom.xml", "<project><artifactId>jobs</artifactId></project>\n");
        fixture.write("flows/pom.xml", "<project><artifactId>flows</artifactId></project>\n");
        fixture.write("jobs/target/jobs-1.0.jar", "jar bytes, version 1");
        return fixture;
    }

    /** Generates the engine's part of an archetype's sample ({@link ArchetypeSample}) into the {@code flows} module. */
    RunFixture withSample(String archetype) {
        ArchetypeSample.generate(archetype, path("flows"));
        return this;
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    void write(String relative, String content) throws IOException {
        Path file = path(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    void delete(String relative) throws IOException {
        Files.delete(path(relative));
    }

    /** Commits everything and deploys every asset and workflow, as {@code mvn deploy} does. */
    DeployReport commitAndDeploy(ObjectStore store) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        git.commit().setMessage("change").setSign(false).setAllowEmpty(true).call();
        List<ModuleSources> modules = List.of(
                ModuleSources.of("stranger-data", root).withSubModules(List.of(path("jobs"), path("flows"))),
                ModuleSources.of("jobs", path("jobs")).withJar(new JarSource(jarNamespace, path("jobs/target/jobs-1.0.jar"),
                        "io.example:jobs:1.0")),
                ModuleSources.of("flows", path("flows")));
        return new DataflowProject(modules, DataflowLog.SILENT).deploy(store, ProjectOptions.defaults());
    }

    void checkoutNewBranch(String branch) throws Exception {
        git.checkout().setCreateBranch(true).setName(branch).call();
    }

    @Override
    public void close() {
        git.close();
    }
}
