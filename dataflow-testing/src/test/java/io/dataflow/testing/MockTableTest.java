package io.dataflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Mocks typed by their Spark schema; no Spark session needed. The format's own rules are tested in dataflow-contract. */
class MockTableTest {

    @Test
    void convertsEveryValueThroughTheDeclaredSchema() {
        MockTable mock = MockTable.fromResource("mocks/views.yaml");

        assertThat(mock.name()).isEqualTo("${SOURCE_DB}.views");
        assertThat(mock.schema().fieldNames()).containsExactly("title_id", "country_code", "view_hours", "date");
        Row first = mock.rows().get(0);
        assertThat(first.get(2)).isEqualTo(10.0);
        assertThat(first.get(3)).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(mock.rows().get(1).get(3)).as("quoted date").isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(mock.rows().get(4).get(0)).isNull();
    }

    @Test
    void leftOutColumnsAreNullAndNoRowsIsAnEmptyTable() {
        MockTable mock = MockTable.parse("schema: a INT, b STRING\nrows:\n  - {a: 1}\n", "inline");
        assertThat(mock.rows()).singleElement().satisfies(row -> assertThat(row.isNullAt(1)).isTrue());

        assertThat(MockTable.parse("schema: a INT\n", "inline").rows()).isEmpty();
    }

    @Test
    void nestedTypesAreConvertedToo() {
        MockTable mock = MockTable.parse("""
                schema: "tags ARRAY<STRING>, scores MAP<STRING, DOUBLE>, s STRUCT<x: INT, d: DATE>"
                rows:
                  - {tags: [a, b], scores: {a: 1}, s: {x: 2, d: 2024-02-03}}
                """, "inline");
        Row row = mock.rows().get(0);
        assertThat(row.getList(0)).containsExactly("a", "b");
        assertThat(row.getJavaMap(1)).isEqualTo(Map.of("a", 1.0));
        assertThat(row.getStruct(2).get(1)).isEqualTo(LocalDate.of(2024, 2, 3));
    }

    @Test
    void columnNotInTheSchemaIsRejectedWithTheFix() {
        assertThatThrownBy(() -> MockTable.parse("schema: a INT\nrows:\n  - {a: 1, b: 2}\n", "m.yaml"))
                .hasMessageContaining("m.yaml row 1")
                .hasMessageContaining("column 'b'")
                .hasMessageContaining("add it to 'schema:'");
    }

    @Test
    void valueThatDoesNotFitItsTypeIsRejected() {
        assertThatThrownBy(() -> MockTable.parse("schema: a INT\nrows:\n  - {a: 1.5}\n", "m.yaml"))
                .hasMessageContaining("m.yaml row 1, column 'a'")
                .hasMessageContaining("'1.5' is not a valid INT");
        assertThatThrownBy(() -> MockTable.parse("schema: d DATE\nrows:\n  - {d: yesterday}\n", "m.yaml"))
                .hasMessageContaining("'yesterday' is not a valid DATE");
    }

    @Test
    void nullInNotNullColumnIsRejected() {
        assertThatThrownBy(() -> MockTable.parse("schema: a INT NOT NULL\nrows:\n  - {a: null}\n", "m.yaml"))
                .hasMessageContaining("column 'a' is declared NOT NULL");
    }

    @Test
    void brokenSchemaIsRejected() {
        assertThatThrownBy(() -> MockTable.parse("schema: a INTEGR,\n", "m.yaml"))
                .hasMessageContaining("Mock file m.yaml has a schema Spark cannot parse");
    }

    @Test
    void registeringWithoutParameterValueNamesTheParameter() {
        MockTable mock = MockTable.fromResource("mocks/views.yaml");
        assertThatThrownBy(() -> mock.register(null, Map.of()))
                .hasMessageContaining("mocks/views.yaml uses ${SOURCE_DB}");
    }
}
