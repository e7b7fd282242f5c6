package io.dataflow.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What one workflow version is made of: stored as {@code manifest.json}, written last, never changed.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}; readers refuse newer schemas
 * @param workflowId the (branch-scoped) workflow id
 * @param version the version number, 1, 2, 3 … per workflow id
 * @param releaseId random id of the release that wrote it; the activation record of that release repeats it
 * @param createdAt when the release started
 * @param deployer who deployed
 * @param toolVersion version of the tool that wrote it
 * @param git the repository state the version was built from
 * @param workflow the rendered workflow
 * @param assets every referenced asset build, sorted by UUID
 * @param files every {@code $S3{}} file, sorted by path
 * @param picture the DAG picture, or {@code null}: none was drawn, or the version predates pictures
 */
public record Manifest(
        int schemaVersion,
        String workflowId,
        int version,
        String releaseId,
        Instant createdAt,
        String deployer,
        String toolVersion,
        Git git,
        Workflow workflow,
        List<Asset> assets,
        List<File> files,
        // Left out when absent, so a manifest without a picture is exactly what tools before pictures wrote.
        @JsonInclude(JsonInclude.Include.NON_NULL) Picture picture) {

    public static final int SCHEMA_VERSION = 1;

    public Manifest {
        Objects.requireNonNull(workflowId, "workflowId");
        assets = assets == null ? List.of() : List.copyOf(assets);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * @param commit the full commit id
     * @param remote the origin URL without credentials, or {@code null}
     */
    public record Git(String owner, String repo, String branch, String commit, boolean dirty, String remote) {}

    /**
     * @param sourcePath the {@code *.sch.yaml} file relative to the repository root
     * @param key the bundle key of the rendered YAML
     */
    public record Workflow(String sourcePath, String key, String sha256, long size) {}

    /**
     * @param uuid the asset build's identity
     * @param registryKey where the build lives in the registry (the rendered YAML points there)
     * @param registryLocation the same as a concrete location
     * @param bundleKey the copy inside this bundle
     */
    public record Asset(String uuid, String registryKey, String registryLocation, String bundleKey, String sha256,
            long size) {}

    /**
     * @param path relative to the repository root
     * @param key the content-addressed key {@code files/<sha256>/<name>} the rendered YAML points to
     * @param bundleKey the copy inside this bundle
     */
    public record File(String path, String key, String bundleKey, String sha256, long size) {}

    /**
     * The DAG picture drawn from the workflow (SVG). Not part of the {@link #fingerprint()}: a new drawing of the
     * same workflow is not a new version.
     *
     * @param key the bundle key, {@code workflows/<id>/versions/<n>/workflow.svg}
     */
    public record Picture(String key, String sha256, long size) {}

    /**
     * What decides whether a new release differs from this version: the rendered YAML and the bytes of every
     * asset and file. Times, deployer and commit do not count.
     */
    public String fingerprint() {
        return fingerprint(workflow.sha256(), assets.stream().map(a -> a.uuid() + "=" + a.sha256()).toList(),
                files.stream().map(f -> f.path() + "=" + f.sha256()).toList());
    }

    public static String fingerprint(String renderedSha256, List<String> assets, List<String> files) {
        return renderedSha256 + "|" + new TreeSet<>(assets) + "|" + new TreeSet<>(files);
    }

    /**
     * The bundle digest that names one version's exact content wherever it goes (run records, scheduler exports):
     * {@code sha256:} and the digest of {@code manifest.json} as stored.
     */
    public static String digestOf(byte[] storedManifest) {
        return "sha256:" + Sha256.of(storedManifest);
    }
}
