package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.DataflowException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.AssetType;
import io.dataflow.core.identity.GitState;
import io.dataflow.core.identity.GitStateReader;
import io.dataflow.core.identity.Namespaces;
import io.dataflow.core.registry.AssetDeployRequest;
import io.dataflow.core.registry.AssetDeployment;
import io.dataflow.core.registry.AssetRegistry;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import java.io.File;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Deploys every asset of the reactor to the registry, each under a new immutable identity derived from
 * git. Modules only collect their assets; the last module of the reactor deploys them all, so a module
 * that fails stops the build before anything reaches the registry.
 *
 * @since 0.1.0
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractDataflowMojo {

    /**
     * The namespace of this module's JAR, e.g. {@code scala-workflow}; configuring it is what makes a JAR
     * module an asset. Must match {@code [a-z0-9][a-z0-9_-]*} and be unique in the registry. Set in the
     * pom only: a command-line value would give every module of a reactor the same namespace.
     *
     * @since 0.1.0
     */
    @Parameter
    private String namespace;

    /**
     * Creates a new build even when the bytes equal the newest build of the same line.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORCE_BUILD, defaultValue = "false")
    private boolean forceBuild;

    @Inject
    public DeployMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:deploy";
    }

    @Override
    protected void run(DataflowLog log) throws MojoFailureException {
        collect(thisModulesJar(), log);
    }

    /** A skipped module contributes nothing, but the others still deploy once it has reported. */
    @Override
    protected void whenSkipped(DataflowLog log) throws MojoFailureException {
        collect(Optional.empty(), log);
    }

    private void collect(Optional<ReactorAssets.JarAsset> asset, DataflowLog log) throws MojoFailureException {
        List<MavenProject> expected = modulesRunningDeploy();
        Set<String> expectedIds = expected.stream().map(MavenProject::getId).collect(Collectors.toSet());
        Optional<List<ReactorAssets.JarAsset>> complete =
                ReactorAssets.of(session).markAndTakeWhenComplete(project.getId(), asset, expectedIds);
        if (complete.isEmpty()) {
            asset.ifPresent(a -> log.info("JAR " + a.namespace() + " will be deployed with the last module."));
            return;
        }
        if (skip && complete.get().isEmpty()) {
            return;
        }
        List<String> order = expected.stream().map(MavenProject::getId).toList();
        List<ReactorAssets.JarAsset> jars = complete.get().stream()
                .sorted(Comparator.comparingInt(a -> order.indexOf(a.projectId())))
                .toList();
        deployJars(jars, log);
    }

    /** This module's JAR asset, validated; empty when the module is not one. */
    private Optional<ReactorAssets.JarAsset> thisModulesJar() {
        if (namespace == null || namespace.isBlank()) {
            getLog().debug("No <namespace> configured: " + project.getArtifactId() + " is not a JAR asset.");
            return Optional.empty();
        }
        // Validated before anything touches the registry, so a bad namespace changes nothing.
        Namespaces.validate(namespace, namespaceOrigin());
        if (!"jar".equals(project.getPackaging())) {
            throw new InvalidInputException("<namespace>" + namespace + "</namespace> is configured in "
                    + project.getFile() + " but its packaging is '" + project.getPackaging()
                    + "': only JAR modules deploy as JAR assets. Remove <namespace> or use <packaging>jar</packaging>.");
        }
        File jar = shadedJar().orElse(project.getArtifact().getFile());
        if (jar == null || !jar.isFile()) {
            throw new InvalidInputException("The JAR of " + project.getArtifactId() + " has not been built. Run "
                    + "'mvn deploy' (or 'mvn package dataflow:deploy') rather than 'mvn dataflow:deploy' alone.");
        }
        // Read now, so that a module outside git fails the build before anything is deployed.
        GitState git = GitStateReader.read(project.getBasedir().toPath(), gitOptions());
        return Optional.of(new ReactorAssets.JarAsset(project.getId(), namespace, project.getFile().toPath(),
                jar.toPath(), project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion(), git));
    }

    /** The shaded JAR when maven-shade-plugin attached one; it replaces the main artifact otherwise. */
    private Optional<File> shadedJar() {
        return project.getAttachedArtifacts().stream()
                .filter(a -> "jar".equals(a.getType()) && a.getClassifier() != null && a.getClassifier().contains("shaded"))
                .map(Artifact::getFile)
                .filter(f -> f != null && f.isFile())
                .findFirst();
    }

    /**
     * Modules that will run this goal: those binding it (by hand or through the plugin's extension), or
     * every module when none does, as when the goal is typed on the command line.
     */
    private List<MavenProject> modulesRunningDeploy() {
        List<MavenProject> projects = session.getProjects();
        List<MavenProject> binding = projects.stream().filter(p -> DataflowPlugin.bindsGoal(p, "deploy")).toList();
        boolean invokedDirectly = session.getGoals().stream().anyMatch(g -> g.endsWith(":deploy") && g.contains("dataflow"));
        return binding.isEmpty() || invokedDirectly || !binding.contains(project) ? projects : binding;
    }

    private void deployJars(List<ReactorAssets.JarAsset> jars, DataflowLog log) throws MojoFailureException {
        log.info("Deploying JAR Assets:");
        if (jars.isEmpty()) {
            log.info("Summary: 0 successful, 0 failed.");
            return;
        }
        int successful = 0;
        long bytesSent = 0;
        DataflowException firstFailure = null;
        String root;
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            root = store.root();
            AssetRegistry assets = new AssetRegistry(store, log);
            for (ReactorAssets.JarAsset jar : jars) {
                String path = "./" + jar.git().workTree().relativize(jar.pomFile()).toString().replace('\\', '/');
                try {
                    AssetDeployment deployment = assets.deploy(new AssetDeployRequest(
                            AssetType.JAR, jar.namespace(), jar.git(), jar.jar(), jar.coordinates(), forceBuild));
                    bytesSent += deployment.bytesSent();
                    log.info("-> " + path + "\u2026 " + (deployment.unchanged() ? "UNCHANGED " : "DEPLOYED AS ")
                            + deployment.build().id().format());
                    successful++;
                } catch (DataflowException e) {
                    log.warn("-> " + path + "\u2026 FAILED: " + e.getMessage());
                    firstFailure = firstFailure == null ? e : firstFailure;
                }
            }
        }
        int failed = jars.size() - successful;
        log.info("Summary: " + successful + " successful, " + failed + " failed.");
        log.info("Sent " + bytesSent + " bytes to " + root.replaceFirst("/+$", "") + ".");
        if (failed == 1) {
            throw firstFailure;
        }
        if (failed > 1) {
            throw new MojoFailureException(failed + " of " + jars.size() + " JAR assets failed to deploy; see above.");
        }
    }
}
