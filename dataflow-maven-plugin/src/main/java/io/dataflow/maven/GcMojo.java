package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.check.CheckOptions;
import io.dataflow.core.gc.GarbageCollector;
import io.dataflow.core.gc.GcOptions;
import io.dataflow.core.project.ProjectOptions;
import io.dataflow.core.registry.ObjectStore;
import io.dataflow.core.registry.ObjectStores;
import java.time.Instant;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Reference-aware garbage collection of the registry. Keeps the active version of every workflow (branch-scoped ids
 * included), the newest {@code keep} versions of each, every pinned version ({@code dataflow:pin}), every version a
 * run used in the last {@code runDays} days, the asset builds and files those versions use, the newest build of
 * every line, and everything younger than {@code grace}; collects the bytes of the rest. A dry run unless
 * {@code -Ddataflow.gc.apply}: it prints what would go, with the bytes, and what is kept and why. Build numbers,
 * version numbers, metadata, manifests and activation records always stay. Runs once per invocation, inside a
 * project (its registry configuration) or outside one.
 *
 * @since 0.1.0
 */
@Mojo(name = "gc", aggregator = true, requiresProject = false, threadSafe = true)
public class GcMojo extends AbstractDataflowMojo {

    /**
     * Deletes what is not kept. Without it, gc only reports (dry run) and writes nothing.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.GC_APPLY, defaultValue = "false")
    private boolean apply;

    /**
     * How many of the newest versions of every workflow are kept, at least 1.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.GC_KEEP, defaultValue = "10")
    private int keep;

    /**
     * Builds, versions and files younger than this are never collected, so a deploy in flight keeps its bytes
     * ({@code 7d}, {@code 36h}, {@code 90m}, {@code 0d}, or ISO-8601 such as {@code P7D}).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.GC_GRACE, defaultValue = "7d")
    private String grace;

    /**
     * Versions used by a {@code dataflow:run} that started within this many days are kept (0: runs keep nothing).
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.GC_RUN_DAYS, defaultValue = "30")
    private int runDays;

    /**
     * {@code text}, or {@code json} for one JSON document ({@code dataflow.gc/1}) printed alone on standard output.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORMAT, defaultValue = "text")
    private String format;

    /**
     * A file to write the JSON document to, whatever the format; relative to the working directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.OUTPUT)
    private String output;

    @Inject
    public GcMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goal() {
        return "dataflow:gc";
    }

    @Override
    protected void run(DataflowLog log) {
        ReportOutput report = reportOutput(format, output);
        GcOptions options = new GcOptions(apply, keep,
                CheckOptions.parseDuration(grace, PropertyNames.GC_GRACE, GcOptions.DEFAULT_GRACE), runDays,
                Instant.now(), ProjectOptions.defaults().deployer());
        try (ObjectStore store = ObjectStores.open(registrySettings())) {
            report.print(new GarbageCollector(store, log).run(options), log);
        }
    }
}
