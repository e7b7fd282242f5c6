package io.dataflow.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Dataflow for Maven, recorded in metadata so a stored build says what wrote it. */
public final class ToolVersion {

    private static final String RESOURCE = "tool-version.properties";
    private static final String UNKNOWN = "unknown";
    private static final String VERSION = load();

    private ToolVersion() {}

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ToolVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", UNKNOWN);
            // Unfiltered (e.g. run from an IDE without Maven resource processing).
            return version.startsWith("${") ? UNKNOWN : version;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
