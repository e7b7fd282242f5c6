package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.workflow.WorkflowRenderer.Untracked;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code $S3{}} ships only files git tracks: untracked, ignored and {@code .git} paths never reach a bundle. */
class TrackedFileReferencesTest {

    private static final String WORKFLOW = """
            Workflow:
              id: tracked.files
              jobs:
                - job:
                    id: ddl
                    type: Spark
                    spark:
                      script: $S3{%s}
            """;

    @TempDir
    Path temp;

    @TempDir
    static Path registryDir;

    private static TestRegistry registry;

    private Path repository;
    private Git git;

    @BeforeAll
    static void deploySampleBuilds() {
        registry = TestRegistry.sample(registryDir);
    }

    /** A committed repository: flows/ddl/tracked.sql is tracked, secrets/ and *.local are ignored. */
    @BeforeEach
    void createRepository() throws Exception {
        repository = Files.createDirectories(temp.resolve("repo")).toRealPath();
        git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call();
        StoredConfig config = git.getRepository().getConfig();
        config.setString("user", null, "name", "Test");
        config.setString("user", null, "email", "test@example.com");
        // What $S3{./.git/config} used to ship: a remote URL with a token in it.
        config.setString("remote", "origin", "url", "https://ci-bot:glpat-s3cr3t@gitlab.example.com/user/repo.git");
        config.save();
        write(".gitignore", "secrets/\n*.local\n");
        write("flows/ddl/tracked.sql", "CREATE TABLE t (id INT);\n");
        git.add().addFilepattern(".").call();
        git.commit().setMessage("layout").setSign(false).call();
    }

    @AfterEach
    void closeRepository() {
        git.close();
    }

    @Test
    void aTrackedFileShipsAndAStagedOneToo() throws Exception {
        write("flows/ddl/staged.sql", "SELECT 2;\n");
        git.add().addFilepattern("flows/ddl/staged.sql").call();

        RenderResult tracked = render("./ddl/tracked.sql", Untracked.REFUSE);
        RenderResult staged = render("./ddl/staged.sql", Untracked.REFUSE);

        assertThat(tracked.problems()).isEmpty();
        assertThat(tracked.files()).singleElement().satisfies(f -> assertThat(f.relativePath()).isEqualTo("flows/ddl/tracked.sql"));
        assertThat(staged.problems()).as("git add makes a file tracked").isEmpty();
        assertThat(staged.warnings()).isEmpty();
    }

    @Test
    void theGitConfigIsRefusedInDeployAndInVerify() throws Exception {
        Path workflow = write("flows/leak.sch.yaml", WORKFLOW.formatted("../.git/config"));

        for (Untracked mode : Untracked.values()) {
            RenderResult result = renderer(mode).render(workflow);

            assertThat(result.problems()).as(mode.name()).singleElement().satisfies(problem -> assertThat(problem.format())
                    .isEqualTo(workflow + ":8:19: file reference $S3{../.git/config} names " + repository.resolve(".git/config")
                            + ", which is inside a .git directory, which holds git's own data (its config may carry "
                            + "credentials in remote URLs) and is never shipped; reference a tracked file instead."));
            assertThat(result.files()).isEmpty();
            assertThat(result.renderedText()).isNull();
        }
    }

    @Test
    void anUntrackedFileIsRefusedNamingTheFileAndTheFix() throws Exception {
        write("flows/ddl/new.sql", "SELECT 1;\n");

        RenderResult result = render("./ddl/new.sql", Untracked.REFUSE);

        assertThat(result.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                .isEqualTo("file reference $S3{./ddl/new.sql} names " + repository.resolve("flows/ddl/new.sql")
                        + ", which is not tracked by git, so it exists only on this machine and is not shipped; "
                        + "'git add' and commit it, or reference a tracked file."));
        assertThat(result.files()).isEmpty();
    }

    @Test
    void ignoredFilesAreRefusedWhetherTheFileOrItsDirectoryIsIgnored() throws Exception {
        write("flows/ddl/creds.local", "password=hunter2\n");
        write("secrets/token.sql", "-- token\n");

        RenderResult ignoredFile = render("./ddl/creds.local", Untracked.REFUSE);
        RenderResult ignoredDirectory = render("../secrets/token.sql", Untracked.REFUSE);

        assertThat(ignoredFile.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                .contains(repository.resolve("flows/ddl/creds.local").toString())
                .contains("which is ignored by git (.gitignore or .git/info/exclude)"));
        assertThat(ignoredDirectory.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                .contains(repository.resolve("secrets/token.sql").toString()).contains("ignored by git"));
    }

    @Test
    void aTrackedLinkToAnIgnoredFileIsRefused() throws Exception {
        write("secrets/prod.env", "TOKEN=abc\n");
        Files.createSymbolicLink(repository.resolve("flows/ddl/env.sql"), repository.resolve("secrets/prod.env"));
        git.add().addFilepattern("flows/ddl/env.sql").call();

        RenderResult result = render("./ddl/env.sql", Untracked.REFUSE);

        assertThat(result.problems()).as("what would be read is the ignored target").singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("ignored by git"));
    }

    @Test
    void aThrowAwayWorkingTreeReleaseTakesUntrackedFilesButNeverGitsOwnData() throws Exception {
        write("flows/ddl/new.sql", "SELECT 1;\n");

        RenderResult untracked = render("./ddl/new.sql", Untracked.ALLOW);
        RenderResult gitConfig = render("../.git/config", Untracked.ALLOW);

        assertThat(untracked.problems()).isEmpty();
        assertThat(untracked.warnings()).isEmpty();
        assertThat(untracked.files()).extracting(file -> file.relativePath()).containsExactly("flows/ddl/new.sql");
        assertThat(gitConfig.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                .contains("inside a .git directory"));
    }

    @Test
    void verifyOnlyWarnsAboutUntrackedFilesSoWorkInProgressCanBeTested() throws Exception {
        write("flows/ddl/new.sql", "SELECT 1;\n");
        Path workflow = write("flows/wip.sch.yaml", WORKFLOW.formatted("./ddl/new.sql"));

        RenderResult result = renderer(Untracked.WARN).render(workflow);

        assertThat(result.problems()).isEmpty();
        assertThat(result.renderedText()).doesNotContain("$S3{");
        assertThat(result.warnings()).singleElement().satisfies(warning -> assertThat(warning.format())
                .startsWith(workflow + ":8:19: file reference $S3{./ddl/new.sql} names ")
                .contains("not tracked by git")
                .endsWith("dataflow:deploy will refuse it as it is now."));
    }

    @Test
    void outsideAGitRepositoryTrackingCannotBeCheckedAndIsNot() throws Exception {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(plain.resolve("x.sql"), "SELECT 1;\n");
        Path workflow = Files.writeString(plain.resolve("main.sch.yaml"), WORKFLOW.formatted("./x.sql"));
        ReferenceResolver resolver = new ReferenceResolver(registry.catalog(), List.of(),
                WorkflowFixtures.git(plain, "master"), registry::location);

        RenderResult result = new WorkflowRenderer(resolver, plain, Untracked.REFUSE).render(workflow);

        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.files()).singleElement().satisfies(f -> assertThat(f.relativePath()).isEqualTo("x.sql"));
    }

    private RenderResult render(String path, Untracked mode) throws Exception {
        return renderer(mode).render(write("flows/main.sch.yaml", WORKFLOW.formatted(path)));
    }

    private WorkflowRenderer renderer(Untracked mode) {
        ReferenceResolver resolver = new ReferenceResolver(registry.catalog(), List.of(),
                WorkflowFixtures.git(repository, "main"), registry::location);
        return new WorkflowRenderer(resolver, repository, mode);
    }

    private Path write(String relative, String content) throws Exception {
        Path file = repository.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
