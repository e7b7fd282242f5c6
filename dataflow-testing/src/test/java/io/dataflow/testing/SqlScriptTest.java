package io.dataflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The harness's side of SQL files: loading, and the fix in its messages; the file rules are tested in dataflow-contract. */
class SqlScriptTest {

    @Test
    void statementsAreTheRunnersWithParametersFilledIn() {
        SqlScript script = new SqlScript("SELECT /*+ COALESCE(1) */ * FROM ${DB}.t WHERE x = '$5'; -- ${UNUSED}\n"
                + "SELECT '${DATE}'", "inline.sql");

        assertThat(script.statements(Map.of("DB", "sales", "DATE", "2024-01-01"))).containsExactly(
                "SELECT /*+ COALESCE(1) */ * FROM sales.t WHERE x = '$5'", "SELECT '2024-01-01'");
    }

    @Test
    void missingParametersAreNamedTogetherWithTheFix() {
        SqlScript script = SqlScript.fromResource("sql/totals.sql");
        assertThatThrownBy(() -> script.statements(Map.of("DATE", "2024-01-01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SQL file sql/totals.sql uses ${TARGET_DB} (statement at line 2), ${SOURCE_DB}")
                .hasMessageContaining("Pass TARGET_DB, SOURCE_DB in the parameter map");
    }
}
