package io.dataflow.core.workflow;

import io.dataflow.core.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the files a build leaves under {@code target/dataflow/}. */
public final class OutputFiles {

    private OutputFiles() {}

    /**
     * Writes {@code text} to {@code outputDir/fileName} through a temporary file and an atomic move, so that a
     * reader (an IDE, a second build) never sees half a file.
     *
     * @param what what the file is, for the error message, e.g. {@code the rendered workflow}
     * @return the written file
     */
    public static Path writeAtomically(Path outputDir, String fileName, String text, String what) {
        Path target = outputDir.resolve(fileName);
        try {
            Files.createDirectories(outputDir);
            Path temp = Files.createTempFile(outputDir, fileName, ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
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
