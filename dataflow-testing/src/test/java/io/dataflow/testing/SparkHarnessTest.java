package io.dataflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.contract.mock.MockFile;
import io.dataflow.contract.mock.MockSample;
import io.dataflow.runner.MockExport;
import java.nio.file.Path;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness end to end on one real local Spark session with an Iceberg catalog. */
class SparkHarnessTest {

    private static final Map<String, String> PARAMS =
            Map.of("SOURCE_DB", "src_db", "TARGET_DB", "tgt_db", "DATE", "2024-01-01");

    @TempDir
    static Path warehouse;

    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.builder().appName("SparkHarnessTest").iceberg(warehouse).start();
        MockTable.fromResource("mocks/views.yaml").register(spark, PARAMS);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void sessionUsesTheLocalTestSettings() {
        assertThat(spark.conf().get("spark.sql.session.timeZone")).isEqualTo("UTC");
        assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("2");
        assertThat(spark.sparkContext().master()).isEqualTo("local[2]");
        assertThat(spark.catalog().currentCatalog()).isEqualTo(LocalSpark.ICEBERG_CATALOG);
    }

    @Test
    void qualifiedMockBecomesAnIcebergTableWithTheDeclaredTypes() {
        Dataset<Row> table = spark.table("src_db.views");
        assertThat(table.schema().simpleString())
                .isEqualTo("struct<title_id:int,country_code:string,view_hours:double,date:date>");
        assertThat(table.count()).isEqualTo(5);
        assertThat(spark.sql("SELECT * FROM local.src_db.views.snapshots").count())
                .as("stored in the Iceberg catalog").isEqualTo(1);
    }

    @Test
    void sqlFileRunsWithParametersAndMatchesTheExpectedMock() {
        Dataset<Row> result = SqlScript.fromResource("sql/totals.sql").run(spark, PARAMS);

        DataFrameAssertions.assertMatches(result, MockTable.fromResource("mocks/totals.yaml"));
        assertThat(spark.sql("SHOW NAMESPACES").collectAsList()).extracting(row -> row.getString(0))
                .contains("tgt_db");
    }

    @Test
    void diffListsMissingAndUnexpectedRows() {
        Dataset<Row> result = spark.sql("SELECT 1 AS title_id, 'US' AS country_code, 12.5D AS view_hours"
                + " UNION ALL SELECT 3, 'US', 1.0D UNION ALL SELECT 3, 'US', 1.0D");

        RowDiff diff = DataFrameAssertions.diff(result, MockTable.fromResource("mocks/totals.yaml"), false);

        assertThat(diff.missingRows()).containsExactly("{title_id=2, country_code=US, view_hours=7}");
        assertThat(diff.unexpectedRows()).containsExactly("{title_id=3, country_code=US, view_hours=1}",
                "{title_id=3, country_code=US, view_hours=1}");
        assertThatThrownBy(() -> DataFrameAssertions.assertMatches(result,
                MockTable.fromResource("mocks/totals.yaml")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DataFrame does not match mocks/totals.yaml")
                .hasMessageContaining("1 missing rows (expected, not found)")
                .hasMessageContaining("2 unexpected rows (found, not expected)");
    }

    @Test
    void floatingPointRoundingErrorStillMatchesAndColumnOrderDoesNotMatter() {
        MockTable expected = MockTable.parse("schema: a DOUBLE, b INT\nrows:\n  - {a: 0.3, b: 1}\n", "inline");
        DataFrameAssertions.assertMatches(spark.sql("SELECT 1 AS b, 0.1D + 0.2D AS a"), expected);
    }

    @Test
    void nestedColumnsAreComparedByValue() {
        MockTable expected = MockTable.parse("schema: \"tags ARRAY<STRING>, scores MAP<STRING, DOUBLE>\"\n"
                + "rows:\n  - {tags: [a, b], scores: {x: 1}}\n", "inline");

        DataFrameAssertions.assertMatches(spark.sql("SELECT array('a', 'b') AS tags, map('x', 1.0D) AS scores"),
                expected);
        DataFrameAssertions.assertMatches(expected.toDataFrame(spark), expected);
        assertThat(DataFrameAssertions.diff(spark.sql("SELECT array('b', 'a') AS tags, map('x', 1.0D) AS scores"),
                expected, false).unexpectedRows()).containsExactly("{tags=[b, a], scores={x=1}}");
    }

    @Test
    void schemaMismatchIsReportedBeforeRows() {
        MockTable expected = MockTable.parse("schema: a BIGINT, b STRING\n", "inline");
        RowDiff diff = DataFrameAssertions.diff(spark.sql("SELECT 1 AS a, 2 AS c"), expected, false);

        assertThat(diff.schemaProblems()).containsExactly("column a is int, expected bigint",
                "missing column b string", "unexpected column c int");
        assertThat(diff.describe()).contains("schema mismatch");
    }

    @Test
    void orderedComparisonReportsThePosition() {
        MockTable expected = MockTable.parse("schema: a INT\nrows:\n  - {a: 1}\n  - {a: 2}\n", "inline");
        Dataset<Row> reversed = spark.sql("SELECT * FROM VALUES (2), (1) AS t(a)");

        DataFrameAssertions.assertMatches(reversed, expected);
        assertThatThrownBy(() -> DataFrameAssertions.assertMatchesInOrder(reversed, expected))
                .hasMessageContaining("at position 1: {a=1}");
    }

    @Test
    void failingStatementNamesFileAndStatement() {
        SqlScript broken = new SqlScript("SELECT 1;\nSELECT * FROM no_such_table", "broken.sql");
        assertThatThrownBy(() -> broken.run(spark, Map.of()))
                .hasMessageContaining("Statement 2 of broken.sql failed")
                .hasMessageContaining("no_such_table");
    }

    @Test
    void unqualifiedMockIsATemporaryView() {
        MockTable.fromResource("mocks/totals.yaml").registerAs(spark, "totals_view");
        assertThat(spark.sql("SELECT SUM(view_hours) FROM totals_view").first().getDouble(0)).isEqualTo(19.5);
    }

    // dataflow:mock's export (io.dataflow.runner.MockExport) on this session: no Spark start-up of its own.

    /** A table with the values mocks find hard: null, decimal(10,2), date, timestamp, text that looks like other types. */
    private static void writeAwkwardTable() {
        spark.sql("CREATE NAMESPACE IF NOT EXISTS mock_db");
        spark.sql("CREATE TABLE IF NOT EXISTS mock_db.awkward (id INT, amount DECIMAL(10,2), day DATE, at TIMESTAMP,"
                + " label STRING, flag BOOLEAN, ratio DOUBLE, n BIGINT) USING iceberg");
        if (spark.table("mock_db.awkward").count() == 0) {
            spark.sql("INSERT INTO mock_db.awkward VALUES"
                    + " (1, 12345678.90, DATE'2024-01-01', TIMESTAMP'2024-01-01 10:15:30.123456', '2024-01-01', true, 0.1, 9007199254740993),"
                    + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " (3, 0.05, DATE'1999-12-31', TIMESTAMP'1999-12-31 23:59:59', 'true', false, -1.5E-10, -1),"
                    + " (4, -1.00, DATE'2024-02-29', TIMESTAMP'2024-02-29 00:00:00', 'Zo\u00eb \u2603 \u65e5\u672c', true, 3.0, 0),"
                    + " (5, 7.10, DATE'2024-03-01', TIMESTAMP'2024-03-01 12:00:00', '007', false, 1.0E300, 42),"
                    + " (6, 2.00, DATE'2024-03-02', TIMESTAMP'2024-03-02 12:00:00', 'null', true, 2.5, 7),"
                    + " (7, 3.30, DATE'2024-03-03', TIMESTAMP'2024-03-03 12:00:00', 'it''s: {not a map} # no comment', true, 2.5, 8)");
        }
    }

    /** A collected row's values as the harness's typed rows hold them (java.time, not java.sql). */
    private static java.util.List<Object> values(Row row) {
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            Object value = row.get(i);
            if (value instanceof java.sql.Date date) {
                value = date.toLocalDate();
            } else if (value instanceof java.sql.Timestamp timestamp) {
                value = timestamp.toInstant();
            }
            values.add(value);
        }
        return values;
    }

    @Test
    void aMockExportedFromARealTableLoadsThroughTheHarnessAsTheSampledRowsAndIsDeterministic() {
        writeAwkwardTable();

        MockSample sample = new MockSample("mock_db.awkward", 5, null);
        MockFile mock = MockExport.export(spark, "local", sample);
        String yaml = mock.toYaml(MockExport.describe(spark, "local", sample, mock));
        MockTable loaded = MockTable.parse(yaml, "awkward.yaml");

        assertThat(loaded.name()).isEqualTo("mock_db.awkward");
        assertThat(loaded.schema()).isEqualTo(spark.table("mock_db.awkward").schema());
        // Ordered by every column, nulls first; id comes first and is unique, so: the first five ids.
        assertThat(loaded.rows().stream().map(SparkHarnessTest::values).toList())
                .isEqualTo(spark.table("mock_db.awkward").orderBy("id").limit(5).collectAsList().stream()
                        .map(SparkHarnessTest::values).toList());
        assertThat(yaml).startsWith("# Written by mvn dataflow:mock from local.mock_db.awkward (snapshot ")
                .contains("label: '2024-01-01'").contains("label: 'true'").contains("label: '007'")
                .contains("amount: '12345678.90'");
        assertThat(loaded.rows().get(0).getDecimal(1)).isEqualByComparingTo("12345678.90");
        assertThat(loaded.rows().get(0).getDecimal(1).scale()).isEqualTo(2);

        MockSample qualified = new MockSample("local.mock_db.awkward", 5, null);
        String again = MockExport.export(spark, "local", qualified)
                .toYaml(MockExport.describe(spark, "local", qualified, mock));
        assertThat(again).as("same snapshot, same arguments: same bytes").isEqualTo(yaml);
    }

    @Test
    void aMockExportFiltersWithWhereAndRefusesBadInputNamingTheParameter() {
        writeAwkwardTable();

        MockFile filtered = MockExport.export(spark, "local", new MockSample("mock_db.awkward", 50,
                "flag AND ratio > 1"));
        assertThat(filtered.rows()).extracting(row -> row.get("id")).containsExactly(4, 6, 7);

        assertThatThrownBy(() -> MockExport.export(spark, "local", new MockSample("mock_db.nope", 50, null)))
                .hasMessageStartingWith("Table mock_db.nope (dataflow.table) does not exist in catalog 'local'");
        assertThatThrownBy(() -> new MockSample("mock_db.awkward", 0, null))
                .hasMessageStartingWith("dataflow.rows is 0;");
        assertThatThrownBy(() -> MockExport.export(spark, "local", new MockSample("mock_db.awkward", 5,
                "no_such_column > 1"))).hasMessageStartingWith("dataflow.where 'no_such_column > 1' is not a valid"
                        + " filter of mock_db.awkward: ");
        assertThatThrownBy(() -> MockExport.export(spark, "local", new MockSample("mock_db.awkward", 5, "id >"))).hasMessageStartingWith("dataflow.where 'id >' is not a valid filter");
        assertThatThrownBy(() -> new MockSample("awkward", 5, null))
                .hasMessageStartingWith("dataflow.table 'awkward' is not a table name; give it as db.table");
    }
}
