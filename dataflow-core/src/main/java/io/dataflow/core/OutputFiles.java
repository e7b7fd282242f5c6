package io.dataflow.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the build writes for users (rendered workflows, Maestro exports). */
public final class OutputFiles {

    private OutputFiles() {}

    /**
     * Writes {@code content} to {@code directory/fileName} atomically, so a reader never sees half a file.
     *
     * @param what what the file is, for the error message, e.g. {@code the rendered workflow}
     * @return the written file
     */
    public static Path writeAtomically(Path directory, String fileName, String content, String what) {
        Path target = directory.resolve(fileName);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, fileName, ".tmp");
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write " + what + " " + target + ": " + e, e);
        }
        return target;
    }
}
