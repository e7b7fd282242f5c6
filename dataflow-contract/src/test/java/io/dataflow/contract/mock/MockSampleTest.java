package io.dataflow.contract.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** dataflow:mock's parameters, checked before any Spark JVM starts. */
class MockSampleTest {

    @Test
    void aTableIsDbTableOptionallyInTheRunsCatalog() {
        MockSample sample = new MockSample(" sample_db.top_titles ", 50, "  ");
        assertThat(sample.inCatalog("local")).isEqualTo("sample_db.top_titles");
        assertThat(sample.tableName()).isEqualTo("top_titles");
        assertThat(sample.where()).isNull();
        assertThat(new MockSample("local.sample_db.top_titles", 1, "n > 1").inCatalog("local"))
                .isEqualTo("sample_db.top_titles");
        assertThatThrownBy(() -> new MockSample("prod.sample_db.top_titles", 1, null).inCatalog("local"))
                .hasMessage("dataflow.table 'prod.sample_db.top_titles' names catalog 'prod', but mocks are read from"
                        + " the run's catalog 'local'; give the table as db.table.");
    }

    @Test
    void badTablesAndRowCountsNameTheParameterAndTheFix() {
        assertThatThrownBy(() -> new MockSample("top_titles", 50, null))
                .hasMessage("dataflow.table 'top_titles' is not a table name; give it as db.table, e.g."
                        + " -Ddataflow.table=sample_db.top_titles.");
        assertThatThrownBy(() -> new MockSample(null, 50, null)).hasMessageStartingWith("dataflow.table '' is not");
        assertThatThrownBy(() -> new MockSample("db.t; DROP", 50, null)).hasMessageStartingWith("dataflow.table");
        assertThatThrownBy(() -> new MockSample("db.t", 0, null))
                .hasMessage("dataflow.rows is 0; give the number of rows to sample, e.g. -Ddataflow.rows=50.");
        assertThatThrownBy(() -> new MockSample("db.t", -3, null)).hasMessageStartingWith("dataflow.rows is -3;");
    }
}
