package io.dataflow.runner;

import java.util.Map;
import java.util.stream.Collectors;

/** Sets table properties with one {@code ALTER TABLE … SET TBLPROPERTIES} statement. */
final class TableProperties {

    private TableProperties() {}

    static void set(RunContext context, String qualifiedTable, Map<String, String> properties) {
        if (properties.isEmpty()) {
            return;
        }
        String assignments = properties.entrySet().stream()
                .map(property -> SqlText.literal(property.getKey()) + " = " + SqlText.literal(property.getValue()))
                .collect(Collectors.joining(", "));
        context.sql("ALTER TABLE " + qualifiedTable + " SET TBLPROPERTIES (" + assignments + ")");
    }

    static String get(RunContext context, String qualifiedTable, String key) {
        return context.sql("SHOW TBLPROPERTIES " + qualifiedTable + " (" + SqlText.literal(key) + ")")
                .collectAsList().stream()
                .map(row -> row.getString(1))
                .filter(value -> !value.contains("does not have property"))
                .findFirst().orElse(null);
    }
}
