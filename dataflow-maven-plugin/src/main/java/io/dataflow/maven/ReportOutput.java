package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import io.dataflow.core.EnvironmentException;
import io.dataflow.core.InvalidInputException;
import io.dataflow.core.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a listing goal's report goes. Text is logged line by line. JSON goes to standard output on its own, not
 * through Maven's log: no {@code [INFO]} prefix and no colours, and under {@code mvn -q} (which hides the log) it is
 * the only thing printed, so {@code mvn -q dataflow:history -Ddataflow.format=json | jq} works. With
 * {@code dataflow.output} the JSON document is also written to that file, whatever the format.
 *
 * @param file where to write the JSON document, {@code null} for nowhere
 * @param standardOutput the process's standard output ({@code System.out} in a build)
 */
record ReportOutput(OutputFormat format, Path file, PrintStream standardOutput) {

    /**
     * @param format the {@code dataflow.format} value
     * @param output the {@code dataflow.output} value; a relative path is relative to the working directory
     */
    static ReportOutput of(String format, String output, PrintStream standardOutput) {
        Path file = output == null || output.isBlank() ? null : Path.of(output.strip()).toAbsolutePath().normalize();
        return new ReportOutput(OutputFormat.parse(format), file, standardOutput);
    }

    void print(Report report, DataflowLog log) {
        String json = format == OutputFormat.JSON || file != null ? report.toJson() : null;
        if (file != null) {
            write(json, report.schema());
            log.info("Wrote the " + report.schema() + " document to " + file + ".");
        }
        if (format == OutputFormat.JSON) {
            synchronized (standardOutput) {
                standardOutput.println(json);
                standardOutput.flush();
            }
        } else {
            report.toText().forEach(log::info);
        }
    }

    /** Replaces the file as a whole, so that a reader never sees half a document. */
    private void write(String json, String schema) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(PropertyNames.OUTPUT + " names the directory " + file + "; give a file "
                    + "for the " + schema + " document, e.g. -D" + PropertyNames.OUTPUT + "=" + file.resolve("report.json"));
        }
        try {
            Files.createDirectories(file.getParent());
            // Not createTempFile: its owner-only permissions would stay on the document.
            Path temporary = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Thread.currentThread().getId() + ".tmp");
            try {
                Files.writeString(temporary, json + System.lineSeparator(), StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write the " + schema + " document to " + file + " ("
                    + PropertyNames.OUTPUT + "): " + e.getMessage(), e);
        }
    }
}
