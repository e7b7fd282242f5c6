package io.dataflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;

/**
 * One test's world: its own registry, warehouse and run directories (nothing under the user's home), a Maven that
 * points every Dataflow goal at them, and the project generated from an archetype as a git repository.
 */
final class SampleWorkspace {

    /** Owner and repository in asset ids: the origin remote below is only parsed, never contacted. */
    static final String OWNER = "example";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW_COUNT = Pattern.compile("^(\\d+) rows\\b");

    final Path root;
    final Path registry;
    final Path warehouse;
    final Path runs;
    final Maven maven;

    private SampleWorkspace(Path root) {
        this.root = root;
        this.registry = root.resolve("registry");
        this.warehouse = root.resolve("warehouse");
        this.runs = root.resolve("runs");
        this.maven = new Maven(root.resolve("logs"), List.of(
                "-Ddataflow.registry=" + registryUri(),
                "-Ddataflow.warehouse=" + warehouse,
                "-Ddataflow.runsDirectory=" + runs));
    }

    /** A fresh workspace under the module's target directory, kept after the test for inspection. */
    static SampleWorkspace create(String name) throws IOException {
        Path base = Path.of(System.getProperty("e2e.workDirectory", "target/e2e")).toAbsolutePath();
        Files.createDirectories(base);
        return new SampleWorkspace(Files.createTempDirectory(base, name + "-"));
    }

    String registryUri() {
        return "file://" + registry;
    }

    /** {@code mvn archetype:generate} of a Dataflow archetype, non-interactive; returns the project directory. */
    Path generate(String archetype, String artifactId, String... properties) {
        List<String> args = new ArrayList<>(List.of(
                "org.apache.maven.plugins:maven-archetype-plugin:3.4.0:generate",
                "-DarchetypeGroupId=io.dataflow",
                "-DarchetypeArtifactId=" + archetype,
                "-DarchetypeVersion=" + Maven.dataflowVersion(),
                "-DinteractiveMode=false",
                "-DgroupId=com.example.e2e",
                "-DartifactId=" + artifactId,
                "-Dversion=1.0.0-SNAPSHOT"));
        args.addAll(List.of(properties));
        maven.succeed(root, args.toArray(String[]::new));
        Path project = root.resolve(artifactId);
        assertThat(project.resolve("pom.xml")).as("generated project").isRegularFile();
        return project;
    }

    /** Makes the project a git repository on branch main with an origin remote, everything committed. */
    static String initGit(Path project, String repo) throws Exception {
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            git.remoteAdd().setName("origin").setUri(new URIish("https://github.com/" + OWNER + "/" + repo + ".git")).call();
            return commitAll(git, "Generated sample");
        }
    }

    /** Commits every change of the work tree; returns the first 8 hex digits of the new commit. */
    static String commit(Path project, String message) throws Exception {
        try (Git git = Git.open(project.toFile())) {
            return commitAll(git, message);
        }
    }

    private static String commitAll(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent author = new PersonIdent("Dataflow e2e", "e2e@dataflow.invalid");
        RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author).call();
        return commit.getId().getName().substring(0, 8);
    }

    /** The run records of a workflow in the registry, oldest first. */
    List<JsonNode> runRecords(String workflowId) throws IOException {
        Path directory = registry.resolve("runs").resolve(workflowId);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .map(SampleWorkspace::readJson)
                    .sorted(Comparator.comparing(record -> Instant.parse(record.path("startedAt").asText())))
                    .toList();
        }
    }

    /** Runs a deployed workflow and returns its new run record, checked to have succeeded. */
    JsonNode run(Path project, String workflowId, String date) throws IOException {
        int before = runRecords(workflowId).size();
        maven.succeed(project, "dataflow:run", "-Ddataflow.workflow=" + workflowId, "-Ddataflow.param.DATE=" + date);
        List<JsonNode> records = runRecords(workflowId);
        assertThat(records).as("run records of " + workflowId).hasSize(before + 1);
        JsonNode record = records.get(records.size() - 1);
        assertThat(record.path("status").asText()).as("status of run " + record.path("runId")).isEqualTo("SUCCEEDED");
        assertThat(record.path("parameters").path("DATE").asText()).isEqualTo(date);
        return record;
    }

    /**
     * The rows the run wrote to the date's partition, as the WAP task's {@code row_count_should_be_between} audit
     * counted them on the staged data (the sample's audits are restricted to the date) before publishing it.
     */
    static long writtenRows(JsonNode record) {
        for (JsonNode task : record.path("tasks")) {
            for (JsonNode audit : task.path("audits")) {
                if (audit.path("function").asText().equals("row_count_should_be_between")) {
                    Matcher count = ROW_COUNT.matcher(audit.path("message").asText());
                    assertThat(count.find()).as("row count in " + audit).isTrue();
                    return Long.parseLong(count.group(1));
                }
            }
        }
        throw new AssertionError("No row_count_should_be_between audit in run " + record.path("runId") + ": " + record);
    }

    /** The sha256 the run record lists for a bundled file (path relative to the project), e.g. the SQL asset. */
    static String fileSha256(JsonNode record, String path) {
        for (JsonNode file : record.path("bundles").path(0).path("files")) {
            if (file.path("path").asText().equals(path)) {
                return file.path("sha256").asText();
            }
        }
        throw new AssertionError("Run " + record.path("runId") + " lists no file " + path + ": " + record.path("bundles"));
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read run record " + file, e);
        }
    }
}
