package io.dataflow.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        assertThat(SqlScript.split("""
                -- a comment; with a semicolon
                SELECT 'a;b', "c;d", `e;f` FROM t; /* block; comment */
                SELECT 'it\\'s;' ;
                ;
                """)).containsExactly("SELECT 'a;b', \"c;d\", `e;f` FROM t", "SELECT 'it\\'s;'");
    }

    @Test
    void substitutesParametersAndKeepsOtherDollarSigns() {
        SqlScript script = new SqlScript("SELECT * FROM ${DB}.t WHERE x = '$5' AND d = '${DATE}'", "inline.sql");
        assertThat(script.render(Map.of("DB", "sales", "DATE", "2024-01-01")))
                .isEqualTo("SELECT * FROM sales.t WHERE x = '$5' AND d = '2024-01-01'");
    }

    @Test
    void missingParametersAreNamedTogether() {
        SqlScript script = SqlScript.fromResource("sql/totals.sql");
        assertThatThrownBy(() -> script.render(Map.of("DATE", "2024-01-01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SQL file sql/totals.sql")
                .hasMessageContaining("[SOURCE_DB, TARGET_DB]");
    }
}
