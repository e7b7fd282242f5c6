package io.dataflow.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceResolverTest {

    @TempDir
    Path repository;

    private TestRegistry registry;

    @BeforeEach
    void setUp() {
        registry = TestRegistry.sample(repository);
    }

    private ReferenceResolver resolver(String branch, PendingAsset... pending) {
        return new ReferenceResolver(registry.catalog(), List.of(pending), WorkflowFixtures.git(repository, branch),
                registry::location);
    }

    private static AssetReference ref(String inner) {
        return AssetReference.parse(inner);
    }

    @Test
    void latestPrefersTheCurrentBranch() {
        registry.deploy("dataflow.jar.scala-workflow.user.stranger-data.feature-x.55555555.1", "feature build");

        ResolvedAsset asset = resolver("feature/x").resolve(ref("dataflow.jar.scala-workflow"));

        assertThat(asset.id().format()).isEqualTo("dataflow.jar.scala-workflow.user.stranger-data.feature-x.55555555.1");
        assertThat(asset.location())
                .isEqualTo(registry.locationPrefix() + "jars/scala-workflow/user/stranger-data/feature-x/55555555/1.jar");
    }

    @Test
    void latestFallsBackToMainline() {
        ResolvedAsset asset = resolver("feature/x").resolve(ref("dataflow.jar.scala-workflow"));

        assertThat(asset).isInstanceOf(ResolvedAsset.Deployed.class);
        assertThat(asset.id().format()).isEqualTo("dataflow.jar.scala-workflow.user.stranger-data.master.22222222.2");
    }

    @Test
    void anUnknownMainlineIsNeverGuessedForTheFallback() {
        GitState unknownMainline = new GitState(repository, "user", "stranger-data", "feature/x", WorkflowFixtures.COMMIT,
                false, null, null);
        ReferenceResolver resolver = new ReferenceResolver(registry.catalog(), List.of(), unknownMainline,
                registry::location);
        registry.deploy("dataflow.jar.udfs.user.stranger-data.feature-x.55555555.1", "feature build");

        assertThat(resolver.resolve(ref("dataflow.jar.udfs")).id().branch()).isEqualTo("feature-x");
        assertThatThrownBy(() -> resolver.resolve(ref("dataflow.jar.scala-workflow")))
                .as("master has builds of scala-workflow, but nothing says master is the mainline")
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot resolve ${dataflow.jar.scala-workflow}: there is no build of jar namespace "
                        + "'scala-workflow' on the current branch 'feature-x', and the mainline branch is unknown, so "
                        + "there is no mainline build to fall back to (set -Ddataflow.mainBranch=<branch> or "
                        + "<mainBranch>). Deploy the asset first (mvn deploy in its module), or fix the reference (see "
                        + "mvn dataflow:list -Ddataflow.deployed).");
    }

    @Test
    void newestOnANamedBranch() {
        ResolvedAsset asset = resolver("feature/x").resolve(ref("dataflow.jar.udfs.master"));

        assertThat(asset.id().build()).isEqualTo(3);
        assertThat(asset.id().commit()).isEqualTo("44444444");
    }

    @Test
    void buildNumberOnABranch() {
        ResolvedAsset asset = resolver("master").resolve(ref("dataflow.jar.udfs.master.2"));

        assertThat(asset.location()).isEqualTo(registry.locationPrefix() + "jars/udfs/user/stranger-data/master/33333333/2.jar");
    }

    @Test
    void exactUuid() {
        ResolvedAsset asset = resolver("master")
                .resolve(ref("dataflow.whl.hello_world.user.stranger-data.master.39206ee8.3"));

        assertThat(asset.key()).isEqualTo("whls/hello_world/user/stranger-data/master/39206ee8/3.whl");
    }

    @Test
    void unresolvableReferencesSayWhatIsMissingAndTheFix() {
        ReferenceResolver resolver = resolver("feature/x");

        assertThatThrownBy(() -> resolver.resolve(ref("dataflow.jar.nothing")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot resolve ${dataflow.jar.nothing}: there is no build of jar namespace 'nothing' on the "
                        + "current branch 'feature-x' nor on mainline 'master'. Deploy the asset first (mvn deploy in "
                        + "its module), or fix the reference (see mvn dataflow:list -Ddataflow.deployed).");
        assertThatThrownBy(() -> resolver.resolve(ref("dataflow.jar.udfs.master.9")))
                .hasMessageStartingWith("cannot resolve ${dataflow.jar.udfs.master.9}: there is no build 9 of jar "
                        + "namespace 'udfs' on branch 'master' (the newest is build 3).");
        assertThatThrownBy(() -> resolver.resolve(ref("dataflow.jar.udfs.release")))
                .hasMessageStartingWith("cannot resolve ${dataflow.jar.udfs.release}: there is no build of jar "
                        + "namespace 'udfs' on branch 'release'.");
        assertThatThrownBy(() -> resolver.resolve(ref("dataflow.jar.udfs.user.stranger-data.master.44444444.7")))
                .hasMessageStartingWith("cannot resolve ${dataflow.jar.udfs.user.stranger-data.master.44444444.7}: "
                        + "the registry holds no build dataflow.jar.udfs.user.stranger-data.master.44444444.7.");
    }

    @Test
    void pendingReactorAssetResolvesToTheBuildItWillGet() throws Exception {
        Path jar = Files.write(repository.resolve("scala-workflow-1.0.jar"), new byte[] {1, 2, 3});
        ReferenceResolver resolver = resolver("master", new PendingAsset(AssetType.JAR, "scala-workflow", jar));

        ResolvedAsset latest = resolver.resolve(ref("dataflow.jar.scala-workflow"));

        assertThat(latest).isInstanceOfSatisfying(ResolvedAsset.Pending.class, pending -> {
            assertThat(pending.id().format()).isEqualTo("dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.3");
            assertThat(pending.key()).isEqualTo("jars/scala-workflow/user/stranger-data/master/39206ee8/3.jar");
            assertThat(pending.location()).isEqualTo(registry.locationPrefix() + "jars/scala-workflow/user/stranger-data/master/39206ee8/3.jar");
            assertThat(pending.sha256()).isEqualTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
            assertThat(pending.size()).isEqualTo(3);
            assertThat(pending.asset().file()).isEqualTo(jar);
        });
        assertThat(resolver.resolve(ref("dataflow.jar.scala-workflow.master"))).isEqualTo(latest);
        assertThat(resolver.resolve(ref("dataflow.jar.scala-workflow.master.3"))).isEqualTo(latest);
        assertThat(resolver.resolve(ref("dataflow.jar.scala-workflow.user.stranger-data.master.39206ee8.3")))
                .isEqualTo(latest);
        // Older builds still come from the registry.
        assertThat(resolver.resolve(ref("dataflow.jar.scala-workflow.master.1"))).isInstanceOf(ResolvedAsset.Deployed.class);
    }

    @Test
    void pendingAssetOnANewBranchStartsAtBuildOne() throws Exception {
        Path wheel = Files.write(repository.resolve("hello_world-0.1-py3-none-any.whl"), new byte[] {9});
        ReferenceResolver resolver = resolver("feature/x", new PendingAsset(AssetType.WHL, "hello_world", wheel));

        assertThat(resolver.resolve(ref("dataflow.whl.hello_world")).id().format())
                .isEqualTo("dataflow.whl.hello_world.user.stranger-data.feature-x.39206ee8.1");
        // A reference to another branch is not the reactor's build.
        assertThat(resolver.resolve(ref("dataflow.whl.hello_world.master")).id().build()).isEqualTo(3);
    }

    @Test
    void pendingAssetWithTheNewestBytesIsUnchanged() throws Exception {
        Path jar = Files.writeString(repository.resolve("udfs.jar"), "udfs 4");
        registry.deploy("dataflow.jar.udfs.user.stranger-data.master.55555555.4", "udfs 4");
        ReferenceResolver resolver = resolver("master", new PendingAsset(AssetType.JAR, "udfs", jar));

        ResolvedAsset asset = resolver.resolve(ref("dataflow.jar.udfs"));

        assertThat(asset).isInstanceOf(ResolvedAsset.Deployed.class);
        assertThat(asset.id().build()).isEqualTo(4);
    }

    @Test
    void twoReactorModulesWithOneNamespaceAreRefused() throws Exception {
        Path a = Files.write(repository.resolve("a.jar"), new byte[] {1});
        Path b = Files.write(repository.resolve("b.jar"), new byte[] {2});

        assertThatThrownBy(() -> resolver("master", new PendingAsset(AssetType.JAR, "dup", a),
                new PendingAsset(AssetType.JAR, "dup", b)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("namespaces must be unique");
    }
}
