package io.dataflow.contract.mock;

import io.dataflow.contract.sql.SqlParameters;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAML mock table, as written by hand for unit tests ({@code src/test/resources/mocks/*.yaml}):
 *
 * <pre>
 * table: ${SOURCE_DB}.playback_sessions     # optional: the name the table is read under
 * schema: title_id INT, view_hours DOUBLE, date DATE
 * rows:                                     # optional: no rows is an empty table
 *   - {title_id: 1, view_hours: 10, date: 2024-01-01}
 * </pre>
 *
 * The format's rules, without any Spark type: the document is a mapping with the keys {@code table},
 * {@code schema} (required, column definitions in Spark DDL) and {@code rows} (a list of {@code column: value}
 * mappings; a column a row leaves out is null). Values are YAML scalars, lists and mappings; dates and times stay
 * text (YAML's guess of a timestamp is not applied): the declared column type alone decides what a value is,
 * which the harness that builds the typed table does. Files are small, so anything big, aliased over and over,
 * or not plain data is refused.
 *
 * @param table  the {@code table:} text, possibly with {@code ${NAME}} parameters; "" when there is none
 * @param schema the {@code schema:} text
 * @param rows   the rows in file order, each a mapping of column to value
 * @param source where the mock came from, for messages
 */
public record MockFile(String table, String schema, List<Map<String, Object>> rows, String source) {

    public static final Set<String> KEYS = Set.of("table", "schema", "rows");
    private static final int MAX_FILE_CODE_POINTS = 8 * 1024 * 1024;
    private static final int MAX_ALIASES = 50;

    public MockFile {
        rows = List.copyOf(rows);
    }

    /** Reads a mock file. */
    public static MockFile load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mock file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a mock file from the class path of {@code loader}, e.g. {@code "mocks/playback_sessions.yaml"}. */
    public static MockFile fromResource(String resource, ClassLoader loader) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        InputStream in = loader.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalArgumentException("Mock resource " + path + " is not on the test class path."
                    + " Put it under src/test/resources/" + path + ".");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mock resource " + path + ": " + e.getMessage(), e);
        }
    }

    /** Parses mock YAML text; {@code source} names it in messages. */
    public static MockFile parse(String yaml, String source) {
        return parse(new StringReader(yaml), source);
    }

    private static MockFile parse(Reader reader, String source) {
        Object document;
        try {
            document = safeYaml().load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("Mock file " + source + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw invalid(source, "must be a mapping with the keys table, schema and rows");
        }
        for (Object key : top.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw invalid(source, "has the key '" + key + "'; a mock has only the keys table, schema and rows");
            }
        }
        if (!(top.get("schema") instanceof String schema) || schema.isBlank()) {
            throw invalid(source, "needs 'schema:' as a Spark DDL string, e.g. "
                    + "'schema: title_id INT, country_code STRING, date DATE'");
        }
        Object rowList = top.get("rows");
        if (rowList != null && !(rowList instanceof List<?>)) {
            throw invalid(source, "'rows' must be a list of mappings (column: value), or be left out for no rows");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<?> rawRows = rowList == null ? List.of() : (List<?>) rowList;
        for (int i = 0; i < rawRows.size(); i++) {
            if (!(rawRows.get(i) instanceof Map<?, ?> values)) {
                throw new IllegalArgumentException(rowName(source, i) + " must be a mapping of column: value, not '"
                        + rawRows.get(i) + "'");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            values.forEach((column, value) -> row.put(String.valueOf(column), value));
            rows.add(Collections.unmodifiableMap(row));
        }
        String table = top.get("table") == null ? "" : String.valueOf(top.get("table")).strip();
        return new MockFile(table, schema.strip(), rows, source);
    }

    /**
     * The {@code table:} name with its {@code ${NAME}} parameters filled in.
     *
     * @throws IllegalArgumentException when the mock has no name
     * @throws io.dataflow.contract.sql.MissingParametersException naming each parameter without a value
     */
    public String tableName(Map<String, String> params) {
        return tableName(table, params, source);
    }

    /** {@link #tableName(Map)} of a mock whose {@code table:} text is {@code table}. */
    public static String tableName(String table, Map<String, String> params, String source) {
        if (table.isBlank()) {
            throw invalid(source, "has no 'table:' name; add one, e.g. 'table: ${SOURCE_DB}.playback_sessions',"
                    + " or give the name when registering the mock");
        }
        return SqlParameters.substitute(table, params, "The table name of mock file " + source);
    }

    /** Fails naming the row, the column and the fix when a row has a column that {@code declared} lacks. */
    public void requireDeclaredColumns(List<String> declared) {
        for (int i = 0; i < rows.size(); i++) {
            for (String column : rows.get(i).keySet()) {
                if (!declared.contains(column)) {
                    throw new IllegalArgumentException(rowName(source, i) + " has column '" + column + "' that the"
                            + " schema does not declare; add it to 'schema:' or remove it (declared: "
                            + String.join(", ", declared) + ")");
                }
            }
        }
    }

    /**
     * This mock as YAML that {@link #parse} reads back to equal {@code table}, {@code schema} and rows: the writer of
     * {@code dataflow:mock}. Values must be what the reader yields: {@code null}, {@link String}, {@link Boolean},
     * {@link Integer}, {@link Long}, {@link java.math.BigInteger}, {@link Double}, lists and mappings of those. Text that
     * YAML would read as something else ({@code "true"}, {@code "42"}, {@code "null"}) is quoted; dates, times and
     * decimals are best given as text, which the declared column type turns back into the value exactly. A row of
     * scalars is one line in flow style, columns in the order of the row's mapping.
     *
     * @param comment a first line saying where the mock came from ({@code # } is added), or {@code null}
     */
    public String toYaml(String comment) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (!table.isBlank()) {
            document.put("table", table);
        }
        document.put("schema", schema);
        document.put("rows", rows);
        DumperOptions options = new DumperOptions();
        // AUTO: the document and the list of rows in block style, a row of scalars as one flow mapping.
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        options.setAllowUnicode(true);
        options.setWidth(Integer.MAX_VALUE); // one row per line, however long
        options.setSplitLines(false);
        StringBuilder yaml = new StringBuilder();
        if (comment != null && !comment.isBlank()) {
            comment.lines().forEach(line -> yaml.append("# ").append(line).append('\n'));
        }
        yaml.append(new Yaml(new Representer(options), options).dump(document));
        return yaml.toString();
    }

    /** How messages name a row: {@code mocks/a.yaml row 3} (1-based). */
    public static String rowName(String source, int index) {
        return source + " row " + (index + 1);
    }

    private static Yaml safeYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_FILE_CODE_POINTS);
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new NoTimestamps());
    }

    /** YAML's own resolution, except that plain text looking like a date or time stays text. */
    private static final class NoTimestamps extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return implicit && Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }

    private static IllegalArgumentException invalid(String source, String problem) {
        return new IllegalArgumentException("Mock file " + source + " " + problem + ".");
    }
}
