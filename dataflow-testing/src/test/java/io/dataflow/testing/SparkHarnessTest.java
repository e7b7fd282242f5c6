package io.dataflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
