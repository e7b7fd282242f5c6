package io.dataflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A small table described in YAML, typed by a Spark DDL schema:
 *
 * <pre>
 * table: ${SOURCE_DB}.source_table
 * schema: title_id INT, country_code STRING, view_hours DOUBLE, date DATE
 * rows:
 *   - {title_id: 1, country_code: US, view_hours: 10, date: 2024-01-01}
 * </pre>
 *
 * Every value goes through the declared column type, so {@code 10} in a DOUBLE column is {@code 10.0} and an
 * unquoted date is a DATE, whatever YAML made of it. Columns a row leaves out are null.
 *
 * @param name   the table name from {@code table:}, possibly with {@code ${PARAM}} placeholders; may be blank
 * @param schema the declared columns
 * @param rows   the typed rows, in file order
 * @param source where the mock came from, for messages
 */
public record MockTable(String name, StructType schema, List<Row> rows, String source) {

    /** Mock files are hand-written and small; anything bigger is a mistake or an attack (alias bombs). */
    private static final int MAX_FILE_CODE_POINTS = 8 * 1024 * 1024;
    private static final int MAX_ALIASES = 50;

    public MockTable {
        rows = List.copyOf(rows);
    }

    /** Reads a mock file. */
    public static MockTable load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mock file " + file, e);
        }
    }

    /** Reads a mock file from the test classpath, e.g. {@code "mocks/source_table.yaml"}. */
    public static MockTable fromResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalArgumentException("Mock resource " + path + " is not on the test classpath."
                    + " Put it under src/test/resources/" + path + ".");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mock resource " + path, e);
        }
    }

    /** Parses mock YAML text; {@code source} names it in error messages. */
    public static MockTable parse(String yaml, String source) {
        return parse(new StringReader(yaml), source);
    }

    private static MockTable parse(Reader reader, String source) {
        Object document;
        try {
            document = safeYaml().load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("Mock file " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw invalid(source, "must be a mapping with the keys table, schema and rows");
        }
        String name = top.get("table") == null ? "" : String.valueOf(top.get("table")).trim();
        StructType schema = schema(top.get("schema"), source);
        Object rowList = top.get("rows");
        if (rowList != null && !(rowList instanceof List<?>)) {
            throw invalid(source, "'rows' must be a list of mappings (column: value), or be left out for no rows");
        }
        List<Row> rows = new ArrayList<>();
        List<?> rawRows = rowList == null ? Collections.emptyList() : (List<?>) rowList;
        for (int i = 0; i < rawRows.size(); i++) {
            rows.add(row(rawRows.get(i), schema, source + " row " + (i + 1)));
        }
        return new MockTable(name, schema, rows, source);
    }

    /** The rows as a DataFrame with exactly the declared schema. */
    public Dataset<Row> toDataFrame(SparkSession spark) {
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Makes the mock readable under its {@code table:} name, with placeholders filled from {@code params}.
     *
     * @return the resolved name
     * @see #registerAs(SparkSession, String)
     */
    public String register(SparkSession spark, Map<String, String> params) {
        if (name.isBlank()) {
            throw invalid(source, "has no 'table:' name; add one or call registerAs(spark, name)");
        }
        String resolved = Placeholders.substitute(name, params, "The table name of mock " + source);
        registerAs(spark, resolved);
        return resolved;
    }

    /**
     * Makes the mock readable under {@code tableName}. A plain name becomes a temporary view; a qualified
     * name ({@code db.table}) becomes a table of the session's current catalog, its database created when
     * missing, so SQL that reads {@code db.table} runs unchanged. An existing table of that name is replaced.
     */
    public void registerAs(SparkSession spark, String tableName) {
        Dataset<Row> frame = toDataFrame(spark);
        int lastDot = tableName.lastIndexOf('.');
        if (lastDot < 0) {
            frame.createOrReplaceTempView(tableName);
            return;
        }
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + tableName.substring(0, lastDot));
        spark.sql("DROP TABLE IF EXISTS " + tableName);
        try {
            frame.writeTo(tableName).create();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create mock table " + tableName + " from " + source, e);
        }
    }

    private static Yaml safeYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_FILE_CODE_POINTS);
        return new Yaml(new SafeConstructor(options));
    }

    private static StructType schema(Object ddl, String source) {
        if (!(ddl instanceof String text) || text.isBlank()) {
            throw invalid(source, "needs 'schema:' as a Spark DDL string, e.g. "
                    + "'schema: title_id INT, country_code STRING, date DATE'");
        }
        try {
            return StructType.fromDDL(text);
        } catch (Exception e) { // Spark's ParseException is a checked exception Scala does not declare
            throw invalid(source, "has a schema Spark cannot parse (" + firstLine(e.getMessage())
                    + "); write it like 'title_id INT, country_code STRING, date DATE'");
        }
    }

    private static Row row(Object raw, StructType schema, String where) {
        if (!(raw instanceof Map<?, ?> values)) {
            throw new IllegalArgumentException(where + " must be a mapping of column: value, not '" + raw + "'");
        }
        for (Object column : values.keySet()) {
            if (!List.of(schema.fieldNames()).contains(String.valueOf(column))) {
                throw new IllegalArgumentException(where + " has column '" + column + "' that the schema does not"
                        + " declare; add it to 'schema:' or remove it (declared: "
                        + String.join(", ", schema.fieldNames()) + ")");
            }
        }
        Object[] typed = new Object[schema.fields().length];
        for (int i = 0; i < typed.length; i++) {
            StructField field = schema.fields()[i];
            typed[i] = MockValues.convert(values.get(field.name()), field, where);
        }
        return RowFactory.create(typed);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static IllegalArgumentException invalid(String source, String problem) {
        return new IllegalArgumentException("Mock file " + source + " " + problem + ".");
    }
}
