package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.project.DataflowProject;
import io.dataflow.core.project.DeployPlan;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.ObjectStore;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows what {@code mvn deploy} would do now, writing nothing: per asset NEW (with the build number it would get)
 * or UNCHANGED (with the build it reuses), per workflow a new version or unchanged with a unified diff of the
 * rendered YAML against the active version, the branch-scoped ids of a branch deploy, and every rule that would
 * refuse the deploy, in the deploy's words. Like {@code dataflow:deploy} it acts once, in the last module, for the
 * whole reactor; JAR modules need their package phase first ({@code mvn package dataflow:plan}).
 *
 * @since 0.1.0
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends AbstractReleaseMojo {

    /**
     * {@code text}, or {@code json} for one JSON document ({@code dataflow.plan/1}) printed alone on standard output:
     * with {@code mvn -q} it is all the output.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORMAT, defaultValue = "text")
    private String format;

    /**
     * A file to write the {@code dataflow.plan/1} JSON document to, whatever the format; relative to the working
     * directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OUTPUT)
    private String output;

    @Inject
    public PlanMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:plan";
    }

    @Override
    protected void act(DataflowProject dataflow, ObjectStore store, ProjectOptions options, DataflowLog log) {
        ReportOutput report = reportOutput(format, output);
        DeployPlan plan = dataflow.plan(store, options);
        report.print(plan, log);
    }
}
