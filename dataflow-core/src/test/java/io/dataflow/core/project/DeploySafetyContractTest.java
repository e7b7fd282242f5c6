package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.identity.GitCli;
import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.release.ReleasedWorkflow;
import io.dataflow.core.release.WorkflowReleases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Where teams really deploy from: CI checkouts with no mainline ref, branches whose names sanitize alike, and
 * {@code $S3{}} references to files git does not track. Run against every registry backend.
 */
abstract class DeploySafetyContractTest extends ProjectOnStoreContract {

    private static final Map<String, String> GITLAB_FEATURE = Map.of("CI_COMMIT_REF_NAME", "feature/x.y");

    private DataflowProject project() {
        return new DataflowProject(fixture.modules(), log);
    }

    private static ProjectOptions withGit(String mainBranch, Map<String, String> environment) {
        return ProjectOptions.defaults().withGit(new GitOptions(null, mainBranch, null, null, environment));
    }

    @Test
    void aCiCheckoutOfAFeatureBranchIsRefusedUntilTheMainlineIsSetAndThenLeavesMainlineAlone() throws Exception {
        assumeTrue(GitCli.available(), GitCli.MISSING);
        DeployReport mainline = project().deploy(store, ProjectOptions.defaults());
        String mainlineJar = mainline.assets().get(0).deployment().build().id().format();
        fixture.checkoutNewBranch("feature/x.y");
        fixture.write("flows/main.sch.yaml", ProjectFixture.MAIN_WORKFLOW.replace("sandbox", "feature_db"));
        fixture.commit("feature work");
        Path ci = work.resolve("ci/stranger-data");
        GitCli.ciCheckout(GitCli.fileUrl(fixture.root()), "feature/x.y", ci);
        Files.createDirectories(ci.resolve("jobs/target"));
        Files.writeString(ci.resolve("jobs/target/jobs-1.0.jar"), "jar bytes built by CI on feature/x.y");
        DataflowProject ciProject = new DataflowProject(ProjectFixture.modulesAt(ci), log);
        Map<String, String> before = ProjectFixture.contents(store);

        assertThatThrownBy(() -> ciProject.deploy(store, withGit(null, GITLAB_FEATURE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("The mainline branch is unknown: dataflow.mainBranch is not set, this clone has "
                        + "no origin/HEAD, and it has not exactly one of the branches main and master (local or "
                        + "remote-tracking), as in a CI checkout that fetched only branch 'feature/x.y'.")
                .hasMessageContaining("-Ddataflow.mainBranch=<branch> or <mainBranch>main</mainBranch>")
                .hasMessageEndingWith("Nothing was deployed: the registry was not changed.");
        assertThat(ProjectFixture.contents(store)).isEqualTo(before);

        log.clear();
        project().warnWhenMainlineUnknown(GitOptions.none());
        assertThat(log.lines()).as("the developer's clone has master").isEmpty();
        ciProject.warnWhenMainlineUnknown(GitOptions.none());
        assertThat(log.lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("WARN The mainline branch is unknown").contains("fetched only one branch")
                .endsWith("Listing works; dataflow:deploy refuses until it is set."));
        ciProject.warnWhenMainlineUnknown(new GitOptions(null, "master", null, null, Map.of()));
        assertThat(log.lines()).hasSize(1);

        VerifyReport preview = ciProject.verify(store, withGit(null, GITLAB_FEATURE));
        assertThat(preview.workflows()).hasSize(2);
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("WARN The mainline branch is unknown")
                .endsWith("Verify goes on; dataflow:deploy refuses until it is set."));
        assertThat(ProjectFixture.contents(store)).isEqualTo(before);

        DeployReport feature = ciProject.deploy(store, withGit("master", GITLAB_FEATURE));

        assertThat(feature.released()).extracting(ReleasedWorkflow::workflowId)
                .containsExactly(ProjectFixture.MAIN_ID + "@feature-x-y", ProjectFixture.REPORT_ID + "@feature-x-y");
        assertThat(feature.assets().get(0).deployment().build().id().format())
                .startsWith("dataflow.jar.jobs.user.stranger-data.feature-x-y.");
        WorkflowReleases releases = new WorkflowReleases(store, log);
        assertThat(releases.activeVersion(ProjectFixture.MAIN_ID)).contains(1);
        assertThat(releases.activeVersion(ProjectFixture.REPORT_ID)).contains(1);
        assertThat(releases.manifest(ProjectFixture.MAIN_ID, 2)).as("no mainline version was added").isEmpty();
        assertThat(releases.manifest(ProjectFixture.MAIN_ID, 1).orElseThrow().assets()).extracting(a -> a.uuid())
                .containsExactly(mainlineJar);
    }

    @Test
    void twoBranchesThatSanitizeAlikeNeverShareABuildLineOrAWorkflowId() throws Exception {
        fixture.checkoutNewBranch("feature/x.y");
        fixture.writeJar("jar bytes of feature/x.y");
        DeployReport first = project().deploy(store, ProjectOptions.defaults());
        assertThat(first.released()).extracting(ReleasedWorkflow::workflowId)
                .as("SPEC: feature/x.y -> feature-x-y for the first such branch")
                .containsExactly(ProjectFixture.MAIN_ID + "@feature-x-y", ProjectFixture.REPORT_ID + "@feature-x-y");
        String claimKey = "branches/user/stranger-data/feature-x-y.json";
        assertThat(Json.read(store.read(claimKey).orElseThrow(), BranchClaims.BranchClaim.class, claimKey).branch())
                .isEqualTo("feature/x.y");

        fixture.git().checkout().setName("master").call();
        fixture.checkoutNewBranch("feature/x-y");
        fixture.writeJar("jar bytes of feature/x-y");
        Map<String, String> before = ProjectFixture.contents(store);

        assertThatThrownBy(() -> project().deploy(store, ProjectOptions.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Branch 'feature/x-y' cannot deploy: its name becomes 'feature-x-y' in asset "
                        + "ids and workflow ids, and the registry already gives 'feature-x-y' of user/stranger-data to "
                        + "branch 'feature/x.y' (" + store.locationOf(claimKey) + ").")
                .hasMessageContaining("-Ddataflow.branch=<name>")
                .hasMessageEndingWith("Nothing was deployed: the registry was not changed.");
        assertThat(ProjectFixture.contents(store)).isEqualTo(before);
        project().verify(store, ProjectOptions.defaults());
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("WARN Branch 'feature/x-y' cannot deploy")
                .endsWith("Verify goes on; dataflow:deploy refuses."));
        assertThat(ProjectFixture.contents(store)).isEqualTo(before);

        DeployReport renamed = project().deploy(store,
                ProjectOptions.defaults().withGit(new GitOptions("feature/x-y-2", null, null, null, Map.of())));
        assertThat(renamed.released()).extracting(ReleasedWorkflow::workflowId)
                .containsExactly(ProjectFixture.MAIN_ID + "@feature-x-y-2", ProjectFixture.REPORT_ID + "@feature-x-y-2");

        fixture.git().checkout().setName("feature/x.y").call();
        fixture.writeJar("jar bytes of feature/x.y, second build");
        DeployReport again = project().deploy(store, ProjectOptions.defaults());
        assertThat(again.assets().get(0).deployment().build().id().format())
                .as("the branch holding the name keeps deploying into its line").endsWith(".2")
                .contains(".feature-x-y.");
        assertThat(new WorkflowReleases(store, log).history(ProjectFixture.MAIN_ID + "@feature-x-y").toText())
                .noneMatch(line -> line.contains("x-y-2"));
    }

    @Test
    void racingFirstDeploysOfCollidingBranchesCannotBothWin() throws Exception {
        List<String> names = List.of("feature/x.y", "feature/x-y", "feature.x.y", "feature/x/y", "feature-x.y",
                "feature.x-y");
        BranchClaims claims = new BranchClaims(store);
        ExecutorService pool = Executors.newFixedThreadPool(names.size());
        try {
            for (int round = 0; round < 4; round++) {
                String repo = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (String name : names) {
                    GitState git = new GitState(work, "user", repo, name, "39206ee8" + "0".repeat(32), false, null,
                            "master");
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            claims.claim(git);
                            return "WON " + name;
                        } catch (InvalidInputException e) {
                            return "LOST " + e.getMessage();
                        }
                    }));
                }
                start.countDown();
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get());
                }

                List<String> winners = results.stream().filter(r -> r.startsWith("WON ")).toList();
                assertThat(winners).as("round %d: %s", round, results).hasSize(1);
                String winner = winners.get(0).substring("WON ".length());
                String key = "branches/user/" + repo + "/feature-x-y.json";
                assertThat(Json.read(store.read(key).orElseThrow(), BranchClaims.BranchClaim.class, key).branch())
                        .isEqualTo(winner);
                assertThat(results).filteredOn(r -> r.startsWith("LOST ")).hasSize(names.size() - 1)
                        .allSatisfy(r -> assertThat(r).contains("to branch '" + winner + "'"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void s3FilesGitDoesNotTrackAreRefusedAtDeployAndOnlyWarnedAboutAtVerify() throws Exception {
        project().deploy(store, ProjectOptions.defaults());
        fixture.write("flows/ddl/new.sql", "CREATE TABLE new_table (id INT);\n");
        fixture.write("flows/target/leak.sql", "-- build output, ignored by target/ in .gitignore\n");
        Map<String, String> refused = Map.of(
                "./ddl/new.sql", "which is not tracked by git",
                "./target/leak.sql", "which is ignored by git",
                "../.git/config", "which is inside a .git directory");
        Map<String, String> before = ProjectFixture.contents(store);

        for (Map.Entry<String, String> reference : refused.entrySet()) {
            fixture.write("flows/main.sch.yaml", ProjectFixture.MAIN_WORKFLOW.replace("./ddl/x.sql", reference.getKey()));

            assertThatThrownBy(() -> project().deploy(store, ProjectOptions.defaults()))
                    .as(reference.getKey()).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("main.sch.yaml:12:")
                    .hasMessageContaining("$S3{" + reference.getKey() + "} names "
                            + fixture.path("flows").resolve(reference.getKey()).normalize())
                    .hasMessageContaining(reference.getValue())
                    .hasMessageContaining("Nothing was deployed");
            assertThat(ProjectFixture.contents(store)).isEqualTo(before);
        }

        fixture.write("flows/main.sch.yaml", ProjectFixture.MAIN_WORKFLOW.replace("./ddl/x.sql", "./ddl/new.sql"));
        log.clear();
        project().verify(store, ProjectOptions.defaults());
        assertThat(log.lines()).contains("-> ./flows/main.sch.yaml\u2026 PASSED").anySatisfy(line -> assertThat(line)
                .contains("$S3{./ddl/new.sql}").contains("not tracked by git")
                .endsWith("dataflow:deploy will refuse it as it is now."));

        fixture.commit("add the new table");
        DeployReport shipped = project().deploy(store, ProjectOptions.defaults());
        assertThat(shipped.workflows().get(0).files()).singleElement()
                .satisfies(file -> assertThat(file.relativePath()).isEqualTo("flows/ddl/new.sql"));
        assertThat(store.exists(shipped.workflows().get(0).files().get(0).key())).isTrue();
    }
}
