package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.identity.GitOptions;
import io.dataflow.core.maestro.MaestroEndpoint;
import io.dataflow.core.maestro.MaestroMapping;
import io.dataflow.core.maestro.MaestroOptions;
import io.dataflow.core.registry.RegistrySettings;
import io.dataflow.core.registry.S3Credentials;
import io.dataflow.core.release.WorkflowIds;
import java.time.Duration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: skipping, registry and git configuration, and turning engine failures into the
 * right Maven failure. Subclasses only build their request and call the engine.
 */
abstract class AbstractDataflowMojo extends AbstractMojo {

    /**
     * Skips the goal. In a pom write {@code <skip>${dataflow.skip}</skip>} rather than a literal
     * {@code false}, so that {@code -Ddataflow.skip} on the command line still works.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
    protected boolean skip;

    /**
     * The registry: {@code file:///path} or {@code s3://bucket/prefix}. Empty means the local directory
     * {@code ~/.dataflow/registry}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REGISTRY, defaultValue = "")
    protected String registry;

    /**
     * Endpoint of an S3-compatible store, e.g. {@code http://127.0.0.1:9000} for MinIO. Empty means AWS S3.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.S3_ENDPOINT, defaultValue = "")
    protected String s3Endpoint;

    /**
     * Region of the S3 bucket. Empty lets the client ask the endpoint.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.S3_REGION, defaultValue = "")
    protected String s3Region;

    /**
     * Id of the settings.xml {@code <server>} whose username (access key) and password (secret key) are
     * the S3 credentials; passwords may be encrypted the Maven way. Without such a server the standard AWS
     * environment variables and profile are used. There is deliberately no password parameter.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SERVER_ID, defaultValue = "dataflow")
    protected String serverId;

    /**
     * Branch name to use instead of the checked-out one; needed on CI checkouts with a detached HEAD
     * when none of the usual CI variables is set.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.BRANCH, defaultValue = "")
    protected String branch;

    /**
     * The mainline branch. Empty means the branch {@code origin/HEAD} points to, else whichever one of {@code main} and
     * {@code master} exists (local or {@code origin/}); never the current branch. When none of these answers,
     * {@code dataflow:deploy} fails before writing anything: set it for CI checkouts that fetch only one branch.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MAIN_BRANCH, defaultValue = "")
    protected String mainBranch;

    /**
     * Owner used in asset identities when the repository has no {@code origin} remote.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OWNER, defaultValue = "")
    protected String owner;

    /**
     * Repository name used in asset identities when the repository has no {@code origin} remote.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REPO, defaultValue = "")
    protected String repo;

    // ---- Maestro: validate on verify, push on deploy and rollback, job types of exports (docs/maestro.md) ----

    /**
     * Netflix Maestro: {@code <maestro><url>…</url></maestro>} makes {@code mvn verify} validate and {@code mvn deploy}
     * push and activate every released workflow version there; its other elements name the Maestro job types Dataflow
     * jobs run as. Without a URL nothing is pushed.
     *
     * @since 0.1.0
     */
    @Parameter
    protected MaestroSettings maestro;

    /**
     * The Maestro server, overriding {@code <maestro><url>}. Empty means the pom's value (or none: nothing is pushed).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MAESTRO_URL, defaultValue = "")
    protected String maestroUrl;

    /**
     * Id of the settings.xml {@code <server>} whose username and password (encrypted the Maven way, or not) are sent to
     * Maestro as HTTP basic authentication. Without such a server requests carry no credentials. There is
     * deliberately no password parameter.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.MAESTRO_SERVER_ID, defaultValue = "maestro")
    protected String maestroServerId;

    /** The Maestro job types and workflow settings of {@code <maestro>}, defaults where it says nothing. */
    protected MaestroMapping maestroMapping() {
        return (maestro == null ? new MaestroSettings() : maestro).mapping();
    }

    /**
     * What the user configured for Maestro, credentials decrypted.
     *
     * @param caller who Maestro records as the caller when the server's credentials name nobody
     */
    protected MaestroOptions maestroOptions(String caller) {
        MaestroSettings settings = maestro == null ? new MaestroSettings() : maestro;
        String url = maestroUrl == null || maestroUrl.isBlank() ? settings.getUrl() : maestroUrl;
        if (url == null || url.isBlank()) {
            return new MaestroOptions(settings.mapping(), null);
        }
        Server server = SettingsCredentials.decrypted(session.getSettings(), maestroServerId, settingsDecrypter,
                new MavenDataflowLog(getLog()), "requests to Maestro carry no credentials");
        Duration timeout = settings.getTimeoutSeconds() == null ? null : Duration.ofSeconds(settings.getTimeoutSeconds());
        return new MaestroOptions(settings.mapping(), MaestroEndpoint.of(url,
                server == null ? null : server.getUsername(), server == null ? null : server.getPassword(), caller,
                timeout));
    }

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    private final SettingsDecrypter settingsDecrypter;

    protected AbstractDataflowMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        DataflowLog log = new MavenDataflowLog(getLog());
        try {
            if (skip) {
                getLog().info("Skipping " + goal() + " (" + PropertyNames.SKIP + ").");
                whenSkipped(log);
            } else {
                run(log);
            }
        } catch (InvalidInputException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (EnvironmentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** The goal's name as users type it, for messages. */
    protected abstract String goal();

    protected abstract void run(DataflowLog log) throws MojoExecutionException, MojoFailureException;

    /** Called instead of {@link #run} when skipped; goals that coordinate across modules still report in. */
    protected void whenSkipped(DataflowLog log) throws MojoExecutionException, MojoFailureException {}

    protected GitOptions gitOptions() {
        return new GitOptions(branch, mainBranch, owner, repo, System.getenv());
    }

    /**
     * The workflow named by {@code dataflow.workflow}: exactly as {@code dataflow:deploy} printed it, so a
     * branch's versions are named {@code <id>@<branch>}.
     */
    protected static String requiredWorkflowId(String workflow) {
        if (workflow == null || workflow.isBlank()) {
            throw new InvalidInputException("Name the workflow with -D" + PropertyNames.WORKFLOW + "=<id>, its id as "
                    + "dataflow:deploy printed it (<id>@<branch> for versions deployed from a branch other than "
                    + "mainline); 'mvn dataflow:list -D" + PropertyNames.DEPLOYED + "' lists the deployed workflows.");
        }
        return WorkflowIds.parse(workflow.trim()).format();
    }

    /** Where a listing goal prints its report ({@code dataflow.format}, {@code dataflow.output}). */
    protected static ReportOutput reportOutput(String format, String output) {
        return ReportOutput.of(format, output, System.out);
    }

    protected SettingsDecrypter settingsDecrypter() {
        return settingsDecrypter;
    }

    protected RegistrySettings registrySettings() {
        S3Credentials credentials = SettingsCredentials.of(session.getSettings(), serverId, settingsDecrypter,
                new MavenDataflowLog(getLog()));
        return new RegistrySettings(registry, s3Endpoint, s3Region, credentials, RegistrySettings.DEFAULT_TIMEOUT);
    }
}
