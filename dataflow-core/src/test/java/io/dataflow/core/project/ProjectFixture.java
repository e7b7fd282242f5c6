package io.dataflow.core.project;

import io.dataflow.core.fixtures.TestRepository;
import io.dataflow.core.registry.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * A real git repository of user/stranger-data laid out like the seeds' project: a root pom, a JAR module
 * {@code jobs} (namespace {@code jobs}; its "JAR" is any bytes) and a pom module {@code flows} with two workflows
 * referencing {@code ${dataflow.jar.jobs}} and {@code $S3{./ddl/x.sql}}.
 */
final class ProjectFixture implements AutoCloseable {

    static final String MAIN_ID = "stranger-data.main";
    static final String REPORT_ID = "stranger-data.report";

    static final String MAIN_WORKFLOW = """
            Workflow:
              id: stranger-data.main
              params:
                TARGET_DB: sandbox
              dag:
                - ddl -> write
              jobs:
                - job:
                    id: ddl
                    type: Spark
                    spark:
                      script: $S3{./ddl/x.sql}
                      parameters:
                        TARGET_DB: ${TARGET_DB}
                - job:
                    id: write
                    type: Spark
                    spark:
                      jar: ${dataflow.jar.jobs}
                      main_class: com.example.App
            """;

    static final String REPORT_WORKFLOW = """
            Workflow:
              id: stranger-data.report
              dag:
                - report -> done
              jobs:
                - job:
                    id: report
                    type: Spark
                    spark:
                      jar: ${dataflow.jar.jobs}
                      main_class: com.example.Report
                - job: {id: done, type: NoOp}
            """;

    private final Git git;
    private final Path root;

    private ProjectFixture(Git git, Path root) {
        this.git = git;
        this.root = root;
    }

    static ProjectFixture create(Path root) throws Exception {
        return create(root, "git@github.com:user/stranger-data.git");
    }

    /** The same project in a repository whose origin is {@code remote} (another owner/repo). */
    static ProjectFixture create(Path root, String remote) throws Exception {
        Git git = TestRepository.init(root, "master", remote);
        ProjectFixture fixture = new ProjectFixture(git, root.toAbsolutePath().normalize());
        fixture.write(".gitignore", "target/\n");
        fixture.write("pom.xml", "<project><artifactId>stranger-data</artifactId></project>\n");
        fixture.write("jobs/pom.xml", "<project><artifactId>jobs</artifactId></project>\n");
        fixture.write("flows/pom.xml", "<project><artifactId>flows</artifactId></project>\n");
        fixture.write("flows/main.sch.yaml", MAIN_WORKFLOW);
        fixture.write("flows/report.sch.yaml", REPORT_WORKFLOW);
        fixture.write("flows/ddl/x.sql", "CREATE TABLE IF NOT EXISTS ${TARGET_DB}.x (id INT);\n");
        fixture.commit("initial layout");
        fixture.writeJar("jar bytes, version 1");
        return fixture;
    }


    /**
     * A clone of this repository with only the newest {@code depth} commits of its current branch (as CI checkouts
     * make them), its origin pointing where this repository's does.
     */
    ProjectFixture shallowClone(Path target, int depth) throws Exception {
        Git clone = Git.cloneRepository().setURI(root.toUri().toString()).setDirectory(target.toFile())
                .setDepth(depth).call();
        TestRepository.configure(clone, git.getRepository().getConfig().getString("remote", "origin", "url"));
        return new ProjectFixture(clone, target.toAbsolutePath().normalize());
    }

    /** The full HEAD commit. */
    String head() throws IOException {
        return git.getRepository().resolve("HEAD").name();
    }

    /** Checks out a commit with a detached HEAD, as a CI job re-running an old pipeline does. */
    void checkoutDetached(String commit) throws GitAPIException {
        git.checkout().setName(commit).call();
    }

    Path root() {
        return root;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    Path jar() {
        return path("jobs/target/jobs-1.0.jar");
    }

    /** Root pom, {@code jobs} (a JAR asset) and {@code flows}, in reactor order. */
    List<ModuleSources> modules() {
        return modulesAt(root);
    }

    /** The same modules in another checkout of this repository (a CI clone), JAR at jobs/target/jobs-1.0.jar. */
    static List<ModuleSources> modulesAt(Path checkout) {
        Path jar = checkout.resolve("jobs/target/jobs-1.0.jar");
        return List.of(
                ModuleSources.of("stranger-data", checkout)
                        .withSubModules(List.of(checkout.resolve("jobs"), checkout.resolve("flows"))),
                ModuleSources.of("jobs", checkout.resolve("jobs")).withJar(new JarSource("jobs", jar, "io.example:jobs:1.0")),
                ModuleSources.of("flows", checkout.resolve("flows")));
    }

    void writeJar(String content) throws IOException {
        write("jobs/target/jobs-1.0.jar", content);
    }

    void write(String relative, String content) throws IOException {
        Path file = path(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    void commit(String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setSign(false).call();
    }

    Git git() {
        return git;
    }

    void checkoutNewBranch(String branch) throws GitAPIException {
        git.checkout().setCreateBranch(true).setName(branch).call();
    }

    /** Copies {@code src/test/resources/python/<name>} to {@code relative}. */
    void copyPythonFixture(String name, String relative) throws IOException {
        Path source;
        try {
            source = Path.of(ProjectFixture.class.getResource("/python/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path target = path(relative);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path from : (Iterable<Path>) paths::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
    }

    /**
     * Every file and directory under {@code dir} with the sha256 of each file: equal snapshots, equal trees. A
     * missing directory (a local registry nobody wrote to yet) is the empty tree.
     */
    static Map<String, String> snapshot(Path dir) {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(dir)) {
            return tree;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String relative = dir.relativize(path).toString();
                tree.put(relative, Files.isDirectory(path) ? "<dir>" : sha256(Files.readAllBytes(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }

    /** Every key of a store with the sha256 of its bytes: equal on both backends when their contents are. */
    static Map<String, String> contents(ObjectStore store) {
        Map<String, String> contents = new TreeMap<>();
        for (String key : store.list("")) {
            contents.put(key, sha256(store.read(key).orElseThrow()));
        }
        return contents;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
