package io.dataflow.core.maestro;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.fixtures.TestRepository;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.identity.GitStateReader;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.DeployReport;
import io.dataflow.core.project.ModuleSources;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.project.VerifyReport;
import io.dataflow.core.python.PythonSettings;
import io.dataflow.core.registry.AssetDeployRequest;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * One archetype's sample pipeline, deployed for real: its workflows and the files they reference are generated from
 * the archetype's own templates (as {@code archetype:generate} makes them, see the fixtures' ArchetypeSample), committed to a JGit repository with a
 * fixed author and time, the JAR or wheel they reference is deployed as a stand-in build, and the workflows are
 * released into a local registry by the engine's own deploy.
 */
final class ArchetypeSample implements AutoCloseable {

    /** The archetypes whose samples are exported, by module directory. */
    static final List<String> ARCHETYPES = List.of("dataflow-archetype-sparksql", "dataflow-archetype-scala",
            "dataflow-archetype-pyspark");

    /** What every expected file uses for the registry root, the commit and the bundle digest. */
    static final String REGISTRY = "s3://dataflow/";
    static final String COMMIT = "39206ee8a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String DIGEST = "sha256:" + "d".repeat(64);
    static final String DEPLOYER = "jdoe";

    private static final Pattern ASSET_REFERENCE = Pattern.compile("\\$\\{dataflow\\.(jar|whl)\\.([a-z0-9][a-z0-9_-]*)}");
    private static final Pattern DIGEST_VALUE = Pattern.compile("sha256:[0-9a-f]{64}");

    private final Git git;
    private final Path root;
    private final LocalObjectStore store;
    private DeployReport report;

    private ArchetypeSample(Git git, Path root, LocalObjectStore store) {
        this.git = git;
        this.root = root;
        this.store = store;
    }

    /** The root of this repository (the parent of dataflow-core). */
    static Path repositoryRoot() {
        return io.dataflow.core.fixtures.ArchetypeSample.repositoryRoot();
    }

    /** Copies the sample's workflows and their files into a new repository under {@code dir} and deploys them. */
    static ArchetypeSample deploy(String archetype, Path dir) throws Exception {
        ArchetypeSample sample = create(archetype, dir);
        sample.deploy(sample.options());
        return sample;
    }

    /**
     * Copies the sample's workflows and their files into a new repository under {@code dir}, commits them and deploys
     * stand-in builds of the JAR or wheel they reference; no workflow is released yet.
     */
    static ArchetypeSample create(String archetype, Path dir) throws Exception {
        Path root = dir.resolve("top-titles").toAbsolutePath().normalize();
        Git git = TestRepository.init(root, "master", "git@github.com:jdoe/top-titles.git");
        ArchetypeSample sample = new ArchetypeSample(git, root, new LocalObjectStore(dir.resolve("registry")));
        Files.writeString(root.resolve(".gitignore"), "target/\n");
        // The workflows and files the archetype generates, from its own templates.
        io.dataflow.core.fixtures.ArchetypeSample.generate(archetype.substring(archetype.lastIndexOf('-') + 1), root);
        Set<String> assets = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path workflow : files.filter(file -> file.getFileName().toString().endsWith(".sch.yaml")).toList()) {
                Matcher matcher = ASSET_REFERENCE.matcher(Files.readString(workflow));
                while (matcher.find()) {
                    assets.add(matcher.group(1) + ":" + matcher.group(2));
                }
            }
        }
        sample.commit("sample");
        GitState state = GitStateReader.read(root, GitOptions.none());
        AssetRegistry registry = new AssetRegistry(sample.store, DataflowLog.SILENT);
        for (String asset : assets) {
            String[] parts = asset.split(":");
            AssetType type = AssetType.valueOf(parts[0].toUpperCase(Locale.ROOT));
            Path built = dir.resolve(parts[1] + "." + type.defaultExtension());
            Files.writeString(built, "stand-in " + parts[0] + " of " + parts[1]);
            registry.deploy(new AssetDeployRequest(type, parts[1], state, built, null, false));
        }
        return sample;
    }

    /** Deploy options of the sample: deployed by {@value #DEPLOYER}, no Maestro. */
    ProjectOptions options() {
        return new ProjectOptions(GitOptions.none(), false, Map.of(), PythonSettings.defaults(), DEPLOYER);
    }

    /** {@code mvn deploy} of the sample's workflows. */
    DeployReport deploy(ProjectOptions options) {
        return deploy(options, DataflowLog.SILENT);
    }

    DeployReport deploy(ProjectOptions options, DataflowLog log) {
        report = project(log).deploy(store, options);
        return report;
    }

    /** {@code mvn verify} of the sample's workflows. */
    VerifyReport verify(ProjectOptions options, DataflowLog log) {
        return project(log).verify(store, options);
    }

    private DataflowProject project(DataflowLog log) {
        return new DataflowProject(List.of(ModuleSources.of("top-titles", root)), log);
    }

    /** Rewrites a file of the sample (relative to its root) and commits it. */
    void change(String relative, String content) throws Exception {
        Files.writeString(root.resolve(relative), content);
        commit("change " + relative);
    }

    void checkoutNewBranch(String branch) throws Exception {
        git.checkout().setCreateBranch(true).setName(branch).call();
    }

    private void commit(String message) throws Exception {
        PersonIdent author = new PersonIdent("J. Doe", "jdoe@example.com", Instant.parse("2026-01-01T00:00:00Z"),
                TimeZone.getTimeZone("UTC").toZoneId());
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).call();
    }

    LocalObjectStore store() {
        return store;
    }

    Path root() {
        return root;
    }

    DeployReport report() {
        return report;
    }

    /** Registry ids of the released workflows, in file order. */
    List<String> workflowIds() {
        return report.released().stream().map(released -> released.workflowId()).toList();
    }

    /** An export with the machine-specific parts (registry root, commit, digest) replaced by fixed stand-ins. */
    String normalize(String text) throws IOException {
        String commit = git.getRepository().resolve("HEAD").name();
        String registryRoot = store.locationOf("x").substring(0, store.locationOf("x").length() - 1);
        return DIGEST_VALUE.matcher(text.replace(registryRoot, REGISTRY).replace(commit, COMMIT)
                .replace(commit.substring(0, 8), COMMIT.substring(0, 8))).replaceAll(DIGEST);
    }

    @Override
    public void close() {
        git.close();
        store.close();
    }
}
