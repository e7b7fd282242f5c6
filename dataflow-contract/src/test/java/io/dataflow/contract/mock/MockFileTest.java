package io.dataflow.contract.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.sql.MissingParametersException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mock format's rules, without Spark: what a mock may hold and how it fails. */
class MockFileTest {

    @Test
    void readsTableSchemaAndRowsWithValuesAsWritten() {
        MockFile mock = MockFile.parse("""
                table: ${SOURCE_DB}.views
                schema: id INT, day DATE, at TIMESTAMP, tags ARRAY<STRING>
                rows:
                  - {id: 1, day: 2024-01-02, at: 2024-01-02 10:00:00, tags: [a, b]}
                  - {id: null}
                  - {}
                """, "views.yaml");

        assertThat(mock.table()).isEqualTo("${SOURCE_DB}.views");
        assertThat(mock.schema()).isEqualTo("id INT, day DATE, at TIMESTAMP, tags ARRAY<STRING>");
        assertThat(mock.rows()).hasSize(3);
        assertThat(mock.rows().get(0)).containsEntry("id", 1).containsEntry("tags", List.of("a", "b"))
                .as("dates and times stay text: the column type decides").containsEntry("day", "2024-01-02")
                .containsEntry("at", "2024-01-02 10:00:00");
        assertThat(mock.rows().get(1)).containsEntry("id", null);
        assertThat(mock.tableName(Map.of("SOURCE_DB", "src"))).isEqualTo("src.views");
    }

    @Test
    void noRowsIsAnEmptyTableAndNoTableNameIsEmpty() {
        MockFile mock = MockFile.parse("schema: a INT\n", "m.yaml");

        assertThat(mock.rows()).isEmpty();
        assertThat(mock.table()).isEmpty();
        assertThatThrownBy(() -> mock.tableName(Map.of())).hasMessageContaining("Mock file m.yaml has no 'table:' name");
    }

    @Test
    void aTableNameParameterWithoutValueIsNamed() {
        MockFile mock = MockFile.parse("table: ${DB}.${T}\nschema: a INT\n", "m.yaml");

        assertThatThrownBy(() -> mock.tableName(Map.of("T", "t")))
                .isInstanceOf(MissingParametersException.class)
                .hasMessageContaining("The table name of mock file m.yaml uses ${DB}");
    }

    @Test
    void aRowColumnTheSchemaDoesNotDeclareIsRejectedWithTheFix() {
        MockFile mock = MockFile.parse("schema: a INT\nrows:\n  - {a: 1}\n  - {a: 1, b: 2}\n", "m.yaml");

        assertThatThrownBy(() -> mock.requireDeclaredColumns(List.of("a")))
                .hasMessageContaining("m.yaml row 2 has column 'b'")
                .hasMessageContaining("add it to 'schema:' or remove it (declared: a)");
    }

    @Test
    void malformedMocksAreRejectedNamingTheFileAndTheRule() {
        assertThatThrownBy(() -> MockFile.parse("rows: []\n", "m.yaml"))
                .hasMessageContaining("Mock file m.yaml needs 'schema:'");
        assertThatThrownBy(() -> MockFile.parse("- a\n", "m.yaml"))
                .hasMessageContaining("must be a mapping with the keys table, schema and rows");
        assertThatThrownBy(() -> MockFile.parse("schema: a INT\nrow:\n  - {a: 1}\n", "m.yaml"))
                .as("a misspelt key would silently mean no rows").hasMessageContaining("has the key 'row'");
        assertThatThrownBy(() -> MockFile.parse("schema: a INT\nrows: {a: 1}\n", "m.yaml"))
                .hasMessageContaining("'rows' must be a list of mappings");
        assertThatThrownBy(() -> MockFile.parse("schema: a INT\nrows:\n  - 1\n", "m.yaml"))
                .hasMessageContaining("m.yaml row 1 must be a mapping of column: value");
    }

    @Test
    void unsafeOrMalformedYamlIsRejected() {
        assertThatThrownBy(() -> MockFile.parse("schema: a INT\nrows: [ {a: 1\n", "m.yaml"))
                .hasMessageContaining("Mock file m.yaml is not valid YAML");
        assertThatThrownBy(() -> MockFile.parse("!!java.io.File x\n", "m.yaml"))
                .hasMessageContaining("is not valid YAML");
        assertThatThrownBy(() -> MockFile.parse("schema: a INT\nschema: b INT\n", "m.yaml"))
                .hasMessageContaining("is not valid YAML");
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 60; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*a, *a]\n");
        }
        assertThatThrownBy(() -> MockFile.parse(bomb.toString(), "bomb.yaml"))
                .hasMessageContaining("bomb.yaml is not valid YAML");
    }

    @Test
    void aMissingResourceSaysWhereToPutIt() {
        assertThatThrownBy(() -> MockFile.fromResource("mocks/nope.yaml", getClass().getClassLoader()))
                .hasMessageContaining("src/test/resources/mocks/nope.yaml");
    }

    @Test
    void writtenMocksReadBackToTheSameValuesTextThatLooksLikeOtherTypesIncluded() {
        Map<String, Object> awkward = new java.util.LinkedHashMap<>();
        awkward.put("id", 1);
        awkward.put("big", 9_007_199_254_740_993L);
        awkward.put("amount", "12345678.90");
        awkward.put("ratio", 0.1);
        awkward.put("day", "2024-01-01");
        awkward.put("at", "2024-01-01T10:15:30.123456Z");
        awkward.put("looks_like_date", "2024-01-01");
        awkward.put("looks_like_bool", "true");
        awkward.put("looks_like_number", "007");
        awkward.put("looks_like_null", "null");
        awkward.put("flag", false);
        awkward.put("unicode", "Zo\u00eb \u2603 \u65e5\u672c");
        awkward.put("quotes", "it's \"quoted\": {not: a map}, # no comment\nsecond line");
        awkward.put("empty", "");
        awkward.put("nothing", null);
        awkward.put("tags", List.of("a", "1"));
        MockFile mock = new MockFile("db.awkward", "id INT, big BIGINT, amount DECIMAL(10,2)", List.of(awkward,
                Map.of("id", 2)), "written");

        String yaml = mock.toYaml("from local.db.awkward");
        MockFile read = MockFile.parse(yaml, "read");

        assertThat(yaml).startsWith("# from local.db.awkward\ntable: db.awkward\n");
        assertThat(read.table()).isEqualTo("db.awkward");
        assertThat(read.schema()).isEqualTo(mock.schema());
        assertThat(read.rows()).isEqualTo(mock.rows());
        assertThat(read.rows().get(0).keySet()).containsExactlyElementsOf(awkward.keySet());
        assertThat(mock.toYaml("from local.db.awkward")).isEqualTo(yaml);
    }
}
