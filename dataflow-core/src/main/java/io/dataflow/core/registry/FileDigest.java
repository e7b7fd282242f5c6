package io.dataflow.core.registry;

import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 (hex) and size of some bytes, computed in one pass. */
public record FileDigest(String sha256, long size) {

    private static final int BUFFER_SIZE = 1 << 20;

    public static FileDigest of(Path file) {
        MessageDigest digest = sha256Digest();
        long size = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
            int read;
            while ((read = channel.read(buffer)) >= 0) {
                if (read > 0) {
                    buffer.flip();
                    digest.update(buffer);
                    buffer.clear();
                    size += read;
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read asset file " + file + ": " + e, e);
        }
        return new FileDigest(HexFormat.of().formatHex(digest.digest()), size);
    }

    public static FileDigest of(byte[] content) {
        return new FileDigest(HexFormat.of().formatHex(sha256Digest().digest(content)), content.length);
    }

    /** The digest as S3 checksum headers carry it ({@code x-amz-checksum-sha256}: base64 of the raw bytes). */
    public String sha256Base64() {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
    }

    /** "sha256 abc…, 123 bytes", for messages. */
    public String describe() {
        return "sha256 " + sha256 + ", " + size + " bytes";
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
