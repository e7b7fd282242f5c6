package com.example.e2e.titles;

import io.dataflow.testing.DataFrameAssertions;
import io.dataflow.testing.LocalSpark;
import io.dataflow.testing.MockTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Only the journey runs this (step 9, after dataflow:mock): the mock that dataflow:mock wrote from the table the run
 * wrote loads through the harness and holds exactly that table's first rows, ordered by every column.
 */
class MockFromRunTest {

    @Test
    void theMockOfTheRunsTableLoadsThroughTheHarnessAsTheTablesFirstRows() {
        Path mockFile = Path.of("target/mocks/top_titles.yaml");
        if (!Files.isRegularFile(mockFile)) {
            throw new AssertionError(mockFile + " is missing: dataflow:mock did not write it");
        }
        MockTable mock = MockTable.load(mockFile);
        Path warehouse = Path.of(System.getProperty("dataflow.warehouse"));
        // The run's catalog: LocalSpark keeps Iceberg under <dir>/iceberg, a run's warehouse is the directory itself.
        SparkSession spark = LocalSpark.builder().appName("MockFromRunTest").iceberg(Path.of("target/mock-test-spark"))
                .config("spark.sql.catalog." + LocalSpark.ICEBERG_CATALOG + ".warehouse",
                        warehouse.toAbsolutePath().toUri().toString())
                .start();
        try {
            var table = spark.table("local.dataflow_sample_e2e_sql.top_titles");
            Column[] everyColumn = Arrays.stream(table.columns()).map(c -> functions.col(c).asc_nulls_first())
                    .toArray(Column[]::new);
            DataFrameAssertions.assertMatchesInOrder(table.orderBy(everyColumn).limit(20), mock);
            if (mock.rows().size() != 20) {
                throw new AssertionError("expected 20 rows in the mock, found " + mock.rows().size());
            }
        } finally {
            spark.stop();
        }
    }
}
