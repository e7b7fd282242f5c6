package io.dataflow.maven.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Used by the invoker ITs' verify scripts to prove that a failed build left a registry byte-identical. */
public final class ItFiles {

    private ItFiles() {}

    /** Every regular file under {@code root} (relative path with '/') to its sha256; empty when root is absent. */
    public static Map<String, String> digests(File root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        Path base = root.toPath();
        if (!Files.isDirectory(base)) {
            return digests;
        }
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                digests.put(base.relativize(file).toString().replace('\\', '/'), sha256(file));
            }
        }
        return digests;
    }

    /** The lower-case hex sha256 of a file. */
    public static String sha256(File file) throws IOException {
        return sha256(file.toPath());
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
