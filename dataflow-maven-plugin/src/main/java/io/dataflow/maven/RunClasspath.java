package io.dataflow.maven;

import io.dataflow.core.EnvironmentException;
import io.dataflow.core.run.RunnerInfo;
import io.dataflow.core.run.SparkClasspath;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * Resolves what the forked Spark runner needs through Maven's own resolver (local repository, mirrors, proxies
 * and offline mode as configured): the runner JAR of the plugin's version, then Spark SQL and Iceberg's Spark
 * runtime with their runtime dependencies.
 */
final class RunClasspath {

    static final String RUNNER_GROUP = "io.dataflow";
    static final String RUNNER_ARTIFACT = "dataflow-spark-runner";
    private static final Set<String> RUNTIME_SCOPES = Set.of("", "compile", "runtime");

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    RunClasspath(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    Path runnerJar(String version) {
        String coordinates = RUNNER_GROUP + ":" + RUNNER_ARTIFACT + ":" + version;
        try {
            return system.resolveArtifact(session, new ArtifactRequest(new DefaultArtifact(coordinates), repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new EnvironmentException("Cannot resolve the Spark runner " + coordinates + " (" + e.getMessage()
                    + "); it is released with the plugin: check the repositories (and -o offline mode), or install it"
                    + " with the plugin (mvn install in the Dataflow build).", e);
        }
    }

    /**
     * @param scalaBinary {@code 2.13}
     * @param s3FileIo whether the catalog needs Iceberg's S3 file IO, whose AWS SDK comes in iceberg-aws-bundle
     */
    SparkClasspath spark(String sparkVersion, String icebergVersion, String scalaBinary, boolean s3FileIo) {
        List<String> coordinates = new java.util.ArrayList<>(List.of(
                "org.apache.spark:spark-sql_" + scalaBinary + ":" + sparkVersion,
                "org.apache.iceberg:iceberg-spark-runtime-" + RunnerInfo.sparkLine(sparkVersion) + "_" + scalaBinary + ":"
                        + icebergVersion));
        if (s3FileIo) {
            coordinates.add("org.apache.iceberg:iceberg-aws-bundle:" + icebergVersion);
        }
        CollectRequest collect = new CollectRequest();
        coordinates.forEach(gav -> collect.addDependency(new Dependency(new DefaultArtifact(gav), "runtime")));
        collect.setRepositories(repositories);
        DependencyFilter runtime = (node, parents) ->
                node.getDependency() == null || RUNTIME_SCOPES.contains(node.getDependency().getScope());
        try {
            List<Path> jars = system.resolveDependencies(session, new DependencyRequest(collect, runtime))
                    .getArtifactResults().stream().map(result -> result.getArtifact().getFile().toPath()).toList();
            return new SparkClasspath(jars);
        } catch (DependencyResolutionException e) {
            throw new EnvironmentException("Cannot resolve " + String.join(" and ", coordinates) + " for the local Spark"
                    + " run (" + e.getMessage() + "). Check dataflow.spark.version / dataflow.iceberg.version and the"
                    + " repositories (the first run downloads about 300 MB).", e);
        }
    }
}
