package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.ReleaseOptions;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.release.WorkflowReleases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The release rules where teams deploy from, on real git repositories: a second repository and its namespaces
 * and workflow ids, re-runs of old pipelines (detached checkouts), shallow CI clones, and redeploys after a
 * rollback. One subclass per registry backend.
 */
abstract class ReleaseSafetyContractTest extends ProjectOnStoreContract {

    private static final String OTHER_REMOTE = "https://github.com/other/copy.git";

    private DeployReport deploy(ProjectFixture project, ProjectOptions options) {
        return new DataflowProject(project.modules(), log).deploy(store, options);
    }

    private static ProjectOptions onMaster() {
        return ProjectOptions.defaults().withGit(new GitOptions("master", null, null, null, Map.of()));
    }

    private static ProjectOptions allowingOutdated() {
        return onMaster().withRelease(new ReleaseOptions(true, false));
    }

    @Test
    void anotherRepositoryCannotDeployANamespaceItDoesNotOwnButMayReferenceIt() throws Exception {
        DeployReport first = deploy(fixture, ProjectOptions.defaults());
        String jarLocation = first.assets().get(0).deployment().build().location();
        Map<String, String> before = contents();

        try (ProjectFixture copy = ProjectFixture.create(work.resolve("copy"), OTHER_REMOTE)) {
            assertThatThrownBy(() -> deploy(copy, ProjectOptions.defaults()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Namespace 'jobs' (./jobs/pom.xml) belongs to repository"
                            + " user/stranger-data (claimed by ")
                    .hasMessageContaining("so this repository (other/copy) cannot deploy it. Nothing was written to"
                            + " the registry. Give the asset a namespace of its own, or deploy it from"
                            + " user/stranger-data. Workflows of this repository can still use that repository's"
                            + " builds: ${dataflow.jar.jobs}.");
            assertThat(contents()).isEqualTo(before);

            // Without a jobs module of its own and with its own workflow ids, the copy uses the owner's JAR.
            copy.write("flows/main.sch.yaml", ProjectFixture.MAIN_WORKFLOW.replace("id: stranger-data.main",
                    "id: copy.main"));
            copy.write("flows/report.sch.yaml", ProjectFixture.REPORT_WORKFLOW.replace("id: stranger-data.report",
                    "id: copy.report"));
            copy.commit("own workflow ids");
            List<ModuleSources> withoutJobs = List.of(copy.modules().get(0), copy.modules().get(2));
            DeployReport referencing = new DataflowProject(withoutJobs, log).deploy(store, ProjectOptions.defaults());
            assertThat(referencing.released()).extracting(ReleasedWorkflow::summary)
                    .containsExactly("DEPLOYED AS copy.main version 1", "DEPLOYED AS copy.report version 1");
            assertThat(Files.readString(copy.path("flows/target/dataflow/main.sch.rendered.yaml")))
                    .contains("jar: " + jarLocation);

            // A workflow id is owned like a namespace.
            copy.write("flows/report.sch.yaml", ProjectFixture.REPORT_WORKFLOW);
            copy.commit("the owner's workflow id");
            Map<String, String> beforeWorkflow = contents();
            assertThatThrownBy(() -> new DataflowProject(withoutJobs, log).deploy(store, ProjectOptions.defaults()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Workflow id 'stranger-data.report' (./flows/report.sch.yaml) belongs to"
                            + " repository user/stranger-data")
                    .hasMessageEndingWith("Rename it in the Workflow: id field, or release it from user/stranger-data."
                            + " Workflows of this repository can still run it as a subworkflow.");
            assertThat(contents()).isEqualTo(beforeWorkflow);
        }

        // The owner's workflows still point at its own JAR, also after deploying again.
        assertThat(Files.readString(fixture.path("flows/target/dataflow/main.sch.rendered.yaml")))
                .contains("jar: " + jarLocation);
        DeployReport again = deploy(fixture, ProjectOptions.defaults());
        assertThat(again.released()).extracting(ReleasedWorkflow::summary)
                .containsExactly("UNCHANGED stranger-data.main version 1", "UNCHANGED stranger-data.report version 1");
        assertThat(Files.readString(fixture.path("flows/target/dataflow/main.sch.rendered.yaml")))
                .contains("jar: " + jarLocation);
    }

    @Test
    void reRunningAnOldMainlinePipelineIsRefusedAndTheActiveVersionStays() throws Exception {
        deploy(fixture, ProjectOptions.defaults());
        String first = fixture.head();
        fixture.write("flows/ddl/x.sql", "CREATE TABLE IF NOT EXISTS ${TARGET_DB}.x (id INT, name STRING);\n");
        fixture.commit("a second column");
        fixture.writeJar("jar bytes, version 2");
        deploy(fixture, ProjectOptions.defaults());
        String second = fixture.head();

        // A CI job re-runs the first commit's pipeline: detached at that commit, branch named by CI.
        fixture.checkoutDetached(first);
        fixture.writeJar("jar bytes, version 1");
        Map<String, String> before = contents();
        assertThatThrownBy(() -> deploy(fixture, onMaster()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Outdated deploy refused: commit " + first.substring(0, 8) + " is an ancestor of"
                        + " commit " + second.substring(0, 8) + " of the active version 2 of workflow ")
                .hasMessageContaining("so deploying it would put older code back (a re-run of an old pipeline?)."
                        + " Nothing was written to the registry. To go back on purpose, run mvn dataflow:rollback"
                        + " -Ddataflow.workflow=")
                .hasMessageEndingWith("to deploy this commit anyway, pass -Ddataflow.allowOutdated=true.");
        assertThat(contents()).isEqualTo(before);
        WorkflowReleases releases = new WorkflowReleases(store, log);
        assertThat(releases.activeVersion(ProjectFixture.MAIN_ID)).contains(2);

        DeployReport forced = deploy(fixture, allowingOutdated());
        assertThat(forced.released()).allSatisfy(released -> assertThat(released.activated()).isTrue());
        assertThat(releases.manifest(ProjectFixture.MAIN_ID, releases.activeVersion(ProjectFixture.MAIN_ID)
                .orElseThrow()).orElseThrow().git().commit()).isEqualTo(first);
    }

    @Test
    void aShallowCloneThatLacksTheActiveCommitIsRefusedUnlessAllowed() throws Exception {
        deploy(fixture, ProjectOptions.defaults());
        String active = fixture.head();
        fixture.write("flows/ddl/x.sql", "CREATE TABLE IF NOT EXISTS ${TARGET_DB}.x (id INT, day DATE);\n");
        fixture.commit("a date column");

        try (ProjectFixture shallow = fixture.shallowClone(work.resolve("ci-depth-1"), 1)) {
            shallow.writeJar("jar bytes, version 2");
            Map<String, String> before = contents();
            assertThatThrownBy(() -> deploy(shallow, ProjectOptions.defaults()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Cannot tell whether commit " + shallow.head().substring(0, 8) + " is older"
                            + " than commit " + active.substring(0, 8) + " of the active version 1 of workflow ")
                    .hasMessageContaining("this clone is shallow and does not contain that commit's history. Nothing"
                            + " was written to the registry. Fetch the history (git fetch --unshallow; in CI"
                            + " fetch-depth: 0 for actions/checkout, GIT_DEPTH: 0 on GitLab), or, if this commit is"
                            + " known to be newer, pass -Ddataflow.allowOutdated=true.");
            assertThat(contents()).isEqualTo(before);
            assertThat(deploy(shallow, allowingOutdated().withGit(GitOptions.none())).released())
                    .allSatisfy(released -> assertThat(released.version()).isEqualTo(2));
        }
        fixture.write("flows/ddl/x.sql", "CREATE TABLE IF NOT EXISTS ${TARGET_DB}.x (id INT, day DATE, n INT);\n");
        fixture.commit("a third column");
        try (ProjectFixture deeper = fixture.shallowClone(work.resolve("ci-depth-2"), 2)) {
            deeper.writeJar("jar bytes, version 3");
            assertThat(deploy(deeper, ProjectOptions.defaults()).released())
                    .allSatisfy(released -> assertThat(released.version()).isEqualTo(3));
        }
    }

    @Test
    void aReRunOfAnUnchangedDeployAfterARollbackKeepsTheRollback() throws Exception {
        deploy(fixture, ProjectOptions.defaults());
        fixture.write("flows/ddl/x.sql", "CREATE TABLE IF NOT EXISTS ${TARGET_DB}.x (id BIGINT);\n");
        fixture.commit("a wider id");
        fixture.writeJar("jar bytes, version 2");
        deploy(fixture, ProjectOptions.defaults());
        WorkflowReleases releases = new WorkflowReleases(store, log);
        releases.rollback(ProjectFixture.MAIN_ID, 1, "bob", Instant.now());
        log.clear();

        DeployReport rerun = deploy(fixture, ProjectOptions.defaults());

        assertThat(rerun.released()).extracting(ReleasedWorkflow::summary).containsExactly(
                "UNCHANGED stranger-data.main version 2 (version 1 stays active)",
                "UNCHANGED stranger-data.report version 2");
        assertThat(log.lines()).contains("-> ./flows/main.sch.yaml\u2026 UNCHANGED stranger-data.main version 2"
                + " (version 1 stays active)");
        assertThat(log.warnings()).anyMatch(line -> line.startsWith("stranger-data.main version 2 is unchanged but"
                + " not active: version 1 is, since activation record #3 (a rollback by bob)."));
        assertThat(releases.activeVersion(ProjectFixture.MAIN_ID)).contains(1);

        deploy(fixture, ProjectOptions.defaults().withRelease(new ReleaseOptions(false, true)));
        assertThat(releases.activeVersion(ProjectFixture.MAIN_ID)).contains(2);
    }

    /** Every key of the registry with the sha256 of its bytes. */
    private Map<String, String> contents() {
        Map<String, String> contents = new TreeMap<>();
        for (String key : store.list("")) {
            contents.put(key, ProjectFixture.sha256(store.read(key).orElseThrow()));
        }
        return contents;
    }
}
