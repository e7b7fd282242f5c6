package io.dataflow.core.run;

import io.dataflow.contract.run.RunPlan;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.registry.S3Credentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Iceberg catalog a run (or a mock export) works with. Without a URI it is Iceberg's Hadoop catalog, the tables
 * being directories of the warehouse: right for one machine, and the embedded default. With a URI it is an Iceberg
 * REST catalog, the shared one: it commits atomically whatever storage holds the tables, so several writers (runs
 * of different dates at once, other teams' jobs) can use the same tables safely. Tables on S3-compatible storage
 * are read and written with Iceberg's S3 file IO, configured from the registry's S3 settings.
 *
 * @param uri the REST catalog's URI ({@code dataflow.catalog.uri}); {@code null}: the Hadoop catalog
 * @param s3Endpoint endpoint of an S3-compatible store holding the tables ({@code dataflow.s3.endpoint});
 *     {@code null}: AWS S3
 * @param s3Region its region ({@code dataflow.s3.region}); {@code null}: the AWS default, or us-east-1 with an
 *     endpoint of its own
 */
public record RunCatalog(String uri, String s3Endpoint, String s3Region) {

    public static final String URI_PROPERTY = "dataflow.catalog.uri";
    static final String WAREHOUSE_PROPERTY = "dataflow.warehouse";

    /** The environment variables by which Iceberg's S3 file IO (the AWS SDK) finds the key pair. */
    static final String ACCESS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID";
    static final String SECRET_KEY_VARIABLE = "AWS_SECRET_ACCESS_KEY";

    /** Storage the Hadoop catalog can commit on: a rename there is atomic. */
    private static final Set<String> ATOMIC_RENAME_SCHEMES = Set.of("file", "hdfs", "viewfs");

    public static final RunCatalog HADOOP = new RunCatalog(null, null, null);

    public RunCatalog {
        uri = blank(uri) ? null : uri.strip();
        s3Endpoint = blank(s3Endpoint) ? null : s3Endpoint.strip();
        s3Region = blank(s3Region) ? null : s3Region.strip();
        if (uri != null) {
            checkUri(uri);
        }
    }

    public boolean isHadoop() {
        return uri == null;
    }

    /**
     * Refuses a warehouse the catalog cannot use safely, before anything runs.
     *
     * @param warehouse the configured warehouse, {@code null} when none is
     * @throws InvalidInputException the Hadoop catalog on object storage, where its commits are not atomic
     */
    public void check(String warehouse) {
        if (isHadoop() && warehouse != null) {
            String scheme = scheme(warehouse);
            if (scheme != null && !ATOMIC_RENAME_SCHEMES.contains(scheme)) {
                throw new InvalidInputException("Invalid " + WAREHOUSE_PROPERTY + " '" + warehouse + "': the"
                        + " embedded Hadoop catalog commits by renaming files, which object storage such as "
                        + scheme + ":// does not do atomically, so two writers could lose each other's commits. Set "
                        + URI_PROPERTY + " to a REST catalog (it commits for every writer), or use a local warehouse"
                        + " directory; see docs/running.md#with-a-shared-catalog.");
            }
        }
    }

    /** The plan's catalog properties: none for the Hadoop catalog (the runner's default). */
    public Map<String, String> properties() {
        if (isHadoop()) {
            return Map.of();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(RunPlan.CATALOG_TYPE, "rest");
        properties.put("uri", uri);
        if (s3Endpoint != null) {
            properties.put("s3.endpoint", s3Endpoint);
            // S3-compatible servers (MinIO, Ceph, S3Proxy) serve buckets as paths, not as host names.
            properties.put("s3.path-style-access", "true");
        }
        if (s3Region != null || s3Endpoint != null) {
            properties.put("client.region", s3Region != null ? s3Region : "us-east-1");
        }
        return properties;
    }

    /**
     * What the runner's environment must hold for the S3 file IO: the key pair of the settings.xml server, if there
     * is one (else the AWS variables and profile the runner inherits). The environment, not the plan: the plan is a
     * file, and Spark prints its settings.
     */
    public Map<String, String> environment(S3Credentials credentials) {
        if (isHadoop() || credentials == null) {
            return Map.of();
        }
        return Map.of(ACCESS_KEY_VARIABLE, credentials.accessKey(), SECRET_KEY_VARIABLE, credentials.secretKey());
    }

    private static void checkUri(String uri) {
        if (uri.indexOf('@') >= 0) {
            // Before any parsing: no message may quote a URI that could carry a password.
            throw new InvalidInputException("Invalid " + URI_PROPERTY + ": credentials do not belong in the URI, where"
                    + " build logs and plan.json would show them. Give scheme, host, port and path only, e.g."
                    + " http://catalog.example.com:8181.");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw invalidUri(uri, "it is not a URI");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalidUri(uri, "a REST catalog is reached over http:// or https://");
        }
        if (parsed.getHost() == null) {
            throw invalidUri(uri, "it names no host");
        }
    }

    private static InvalidInputException invalidUri(String uri, String why) {
        return new InvalidInputException("Invalid " + URI_PROPERTY + " '" + uri + "': " + why + ". Give the URI of an"
                + " Iceberg REST catalog, e.g. http://127.0.0.1:8181.");
    }

    /** The warehouse's URI scheme in lower case, {@code null} for a plain path. */
    private static String scheme(String warehouse) {
        return warehouse.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")
                ? warehouse.substring(0, warehouse.indexOf(':')).toLowerCase(Locale.ROOT) : null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
