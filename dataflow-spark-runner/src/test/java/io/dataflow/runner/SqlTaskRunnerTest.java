package io.dataflow.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The runner's own part of running SQL files; the file rules themselves are tested in dataflow-contract. */
class SqlTaskRunnerTest {

    @Test
    void recognisesQueriesThatMustBeShownToRun() {
        assertThat(SqlTaskRunner.isQuery("select 1")).isTrue();
        assertThat(SqlTaskRunner.isQuery("(SELECT 1) UNION (SELECT 2)")).isTrue();
        assertThat(SqlTaskRunner.isQuery("WITH a AS (SELECT 1) SELECT * FROM a")).isTrue();
        assertThat(SqlTaskRunner.isQuery("INSERT INTO t SELECT 1")).isFalse();
        assertThat(SqlTaskRunner.isQuery("CREATE TABLE selection (a INT)")).isFalse();
    }
}
