package io.dataflow.runner;

import io.dataflow.contract.run.PlanTask;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores descriptive metadata in the tables themselves: the comment as the table comment, column
 * comments as column comments, everything else as {@code dataflow.*} table properties.
 */
final class MetadataTaskRunner {

    static final String OWNER = "dataflow.owner";
    static final String TAGS = "dataflow.tags";
    static final String LIFETIME_DAYS = "dataflow.lifetime-days";
    static final String COLUMN_TYPE = "dataflow.column.%s.type";

    void run(PlanTask.Metadata task, RunContext context) {
        for (String named : task.tables()) {
            String table = context.qualify(named);
            try {
                if (task.comment() != null) {
                    context.sql("COMMENT ON TABLE " + table + " IS " + SqlText.literal(task.comment()));
                }
                for (Map.Entry<String, String> column : task.columnComments().entrySet()) {
                    context.sql("ALTER TABLE " + table + " ALTER COLUMN " + SqlText.identifier(column.getKey())
                            + " COMMENT " + SqlText.literal(column.getValue()));
                }
                TableProperties.set(context, table, properties(task));
            } catch (Exception e) {
                throw new TaskFailedException("Cannot set the metadata of " + table + ": " + Errors.describe(e), e);
            }
        }
    }

    /** Spark reserves the plain {@code owner} property, hence the {@code dataflow.} prefix for all of them. */
    static Map<String, String> properties(PlanTask.Metadata task) {
        Map<String, String> properties = new LinkedHashMap<>(task.properties());
        if (task.owner() != null) {
            properties.put(OWNER, task.owner());
        }
        if (!task.tags().isEmpty()) {
            properties.put(TAGS, String.join(",", task.tags()));
        }
        if (task.lifetime() != null) {
            properties.put(LIFETIME_DAYS, task.lifetime().toString());
        }
        task.columnTypes().forEach((column, type) -> properties.put(String.format(COLUMN_TYPE, column), type));
        return properties;
    }
}
