package io.dataflow.runner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores a table's descriptive metadata in the table itself: the comment as the table comment, column
 * comments as column comments, everything else as {@code dataflow.*} table properties.
 */
final class MetadataTaskRunner {

    static final String OWNER = "dataflow.owner";
    static final String TAGS = "dataflow.tags";
    static final String LIFETIME_DAYS = "dataflow.lifetime-days";
    static final String COLUMN_ROLE = "dataflow.column.%s.role";

    void run(TaskSpec.Metadata task, RunContext context) {
        String table = context.qualify(task.table());
        try {
            if (task.comment() != null) {
                context.sql("COMMENT ON TABLE " + table + " IS " + SqlText.literal(task.comment()));
            }
            task.columns().forEach((column, metadata) -> {
                if (metadata != null && metadata.comment() != null) {
                    context.sql("ALTER TABLE " + table + " ALTER COLUMN " + SqlText.identifier(column) + " COMMENT "
                            + SqlText.literal(metadata.comment()));
                }
            });
            TableProperties.set(context, table, properties(task));
        } catch (Exception e) {
            throw new TaskFailedException("Cannot set the metadata of " + table + ": " + Errors.describe(e), e);
        }
    }

    /** Spark reserves the plain {@code owner} property, hence the {@code dataflow.} prefix for all of them. */
    static Map<String, String> properties(TaskSpec.Metadata task) {
        Map<String, String> properties = new LinkedHashMap<>(task.properties());
        if (task.owner() != null) {
            properties.put(OWNER, task.owner());
        }
        if (!task.tags().isEmpty()) {
            properties.put(TAGS, String.join(",", task.tags()));
        }
        if (task.lifetimeDays() != null) {
            properties.put(LIFETIME_DAYS, task.lifetimeDays().toString());
        }
        task.columns().forEach((column, metadata) -> {
            if (metadata != null && metadata.role() != null) {
                properties.put(String.format(COLUMN_ROLE, column), metadata.role());
            }
        });
        return properties;
    }
}
