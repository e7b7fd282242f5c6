package io.dataflow.maven;

import io.dataflow.core.release.ReleaseOptions;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * {@code dataflow:deploy} and {@code dataflow:plan}: the options that change what a deploy does, declared once so
 * that a plan run with the same flags as the deploy predicts that deploy.
 */
abstract class AbstractReleaseMojo extends AbstractWorkflowMojo {

    /**
     * Creates a new build even when the bytes equal the newest build of the same line.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORCE_BUILD, defaultValue = "false")
    private boolean forceBuild;

    /**
     * Lets a mainline deploy activate a commit that is an ancestor of the active version's commit (going back on
     * purpose), or whose relation to it this clone cannot tell (a shallow clone without that commit). Without it
     * such a deploy is refused before anything is written; {@code dataflow:rollback} is the usual way back.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.ALLOW_OUTDATED, defaultValue = "false")
    private boolean allowOutdated;

    /**
     * Lets a deploy whose content equals a version that a rollback replaced make that version active again. Without
     * it the rolled-back-to version stays active and the deploy says how to switch on purpose.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.REACTIVATE, defaultValue = "false")
    private boolean reactivate;

    protected AbstractReleaseMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected final boolean forceBuild() {
        return forceBuild;
    }

    @Override
    protected final ReleaseOptions releaseOptions() {
        return new ReleaseOptions(allowOutdated, reactivate);
    }
}
