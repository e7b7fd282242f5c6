package io.dataflow.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.bundle.Json;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.identity.GitStateReader;
import io.dataflow.core.registry.AssetDeployRequest;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.LocalObjectStore;
import io.dataflow.core.release.DeployedWorkflowsReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployedListingTest {

    @TempDir
    Path repository;

    @TempDir
    Path registryRoot;

    @Test
    void listsEachTypesBuildsNewestFirstThenTheWorkflows() throws Exception {
        GitState git = commit();
        AssetRegistry registry = new AssetRegistry(new LocalObjectStore(registryRoot), DataflowLog.SILENT);
        Path sql = Files.writeString(repository.resolve("daily.sql"), "select 1");
        registry.deploy(new AssetDeployRequest(AssetType.SQL, "daily", git, sql, null, false));
        Files.writeString(sql, "select 2");
        registry.deploy(new AssetDeployRequest(AssetType.SQL, "daily", git, sql, null, false));
        String prefix = "dataflow.sql.daily.user.repo.master." + git.shortCommit() + ".";

        DeployedListing listing = new DeployedListing(false, List.of(
                DeployedListing.section(registry, AssetType.SQL, List.of("daily")),
                DeployedListing.section(registry, AssetType.JAR, List.of())),
                new DeployedWorkflowsReport(List.of()));

        assertThat(listing.toText()).containsExactly(
                "Project namespaces with deployed SQLS: daily", "-> " + prefix + "2", "-> " + prefix + "1",
                "Summary: 2 found.",
                "Project namespaces with deployed JARS: (none)", "Summary: 0 found.",
                "Deployed workflows:", "Summary: 0 found.");
        Map<?, ?> json = Json.mapper().readValue(listing.toJson(), Map.class);
        assertThat(json.get("schema")).isEqualTo("dataflow.deployed/2");
        assertThat(json.get("workflows")).isEqualTo(List.of());
        assertThat(json.get("scope")).isEqualTo("project");
        assertThat(((List<?>) json.get("assets"))).hasSize(2);
        assertThat(listing.toJson()).contains("\"uuid\" : \"" + prefix + "2\"", "\"branch\" : \"master\"");
    }

    @Test
    void withoutWorkflowsTheirSectionIsLeftOut() {
        DeployedListing listing = new DeployedListing(false, List.of(), null);

        assertThat(listing.toText()).isEmpty();
        assertThat(listing.toJson()).contains("\"workflows\" : null");
    }

    @Test
    void theWholeRegistryIsNamedAsSuch() throws Exception {
        AssetRegistry registry = new AssetRegistry(new LocalObjectStore(registryRoot), DataflowLog.SILENT);
        deploySql(registry, commit(), "daily", "hourly");

        assertThat(registry.namespaces(AssetType.SQL)).containsExactly("daily", "hourly");
        assertThat(registry.namespaces(AssetType.JAR)).isEmpty();
        DeployedListing listing = new DeployedListing(true, List.of(
                DeployedListing.section(registry, AssetType.SQL, registry.namespaces(AssetType.SQL))), null);
        assertThat(listing.toText()).first().isEqualTo("Namespaces with deployed SQLS: daily, hourly");
        assertThat(Json.mapper().readValue(listing.toJson(), Map.class).get("scope")).isEqualTo("registry");
    }

    private void deploySql(AssetRegistry registry, GitState git, String... namespaces) throws Exception {
        Path sql = Files.writeString(repository.resolve("any.sql"), "select 1");
        for (String namespace : namespaces) {
            registry.deploy(new AssetDeployRequest(AssetType.SQL, namespace, git, sql, null, false));
        }
    }

    private GitState commit() throws Exception {
        try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("master").call()) {
            Files.writeString(repository.resolve("README"), "x");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
                    .setSign(false).call();
        }
        return GitStateReader.read(repository, new GitOptions(null, null, "user", "repo", Map.of()));
    }
}
