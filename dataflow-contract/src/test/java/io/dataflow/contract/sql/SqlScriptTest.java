package io.dataflow.contract.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one set of SQL file rules, shared by the runner and the test harness. */
class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        String text = """
                -- header; not a statement
                CREATE TABLE t (a STRING);

                /* block; comment
                   over lines */ INSERT INTO t VALUES ('x;y'), ("q\\"uote;"), ('it\\'s;');
                SELECT `odd;name` FROM t -- trailing; comment
                """;

        List<SqlScript.Statement> statements = SqlScript.parse(text, "f.sql").statements();

        assertThat(statements).extracting(SqlScript.Statement::sql).containsExactly(
                "CREATE TABLE t (a STRING)",
                "INSERT INTO t VALUES ('x;y'), (\"q\\\"uote;\"), ('it\\'s;')",
                "SELECT `odd;name` FROM t");
        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(2, 5, 6);
    }

    @Test
    void blankStatementsAreDropped() {
        assertThat(SqlScript.parse(" ;\n;; -- nothing\n", "f.sql").statements()).isEmpty();
    }

    @Test
    void keepsOptimizerHints() {
        List<SqlScript.Statement> statements = SqlScript.parse("SELECT /*+ BROADCAST(b) */ * FROM a JOIN b;;  ;", "f.sql")
                .statements();

        assertThat(statements).extracting(SqlScript.Statement::sql)
                .containsExactly("SELECT /*+ BROADCAST(b) */ * FROM a JOIN b");
    }

    @Test
    void parametersOnlyInCommentsNeedNoValue() {
        SqlScript script = SqlScript.parse("-- uses ${UNDEFINED}\nSELECT 1 /* and ${ALSO} */", "f.sql");

        assertThat(script.parameters()).isEmpty();
        assertThat(script.render(Map.of())).extracting(SqlScript.Statement::sql).containsExactly("SELECT 1");
    }

    @Test
    void substitutesParametersAsPlainTextInsideQuotesToo() {
        SqlScript script = SqlScript.parse("INSERT INTO ${TARGET_DB}.t SELECT '${run.date}', '${TARGET_DB}', '$5', '${my-day}'",
                "f.sql");

        assertThat(script.render(Map.of("TARGET_DB", "prod", "run.date", "2022-01-01", "my-day", "d")))
                .extracting(SqlScript.Statement::sql)
                .containsExactly("INSERT INTO prod.t SELECT '2022-01-01', 'prod', '$5', 'd'");
        assertThat(script.parameters()).containsExactly("TARGET_DB", "run.date", "my-day");
    }

    @Test
    void aValueCannotChangeWhereStatementsEnd() {
        SqlScript script = SqlScript.parse("SELECT '${V}'; SELECT 2", "f.sql");

        assertThat(script.render(Map.of("V", "a; -- b"))).extracting(SqlScript.Statement::sql)
                .containsExactly("SELECT 'a; -- b'", "SELECT 2");
    }

    @Test
    void anEmptyValueIsAValue() {
        assertThat(SqlScript.parse("SELECT '${EMPTY}'", "f.sql").render(Map.of("EMPTY", "")))
                .extracting(SqlScript.Statement::sql).containsExactly("SELECT ''");
    }

    @Test
    void everyMissingParameterIsNamedWithItsLineBeforeAnythingIsRendered() {
        Map<String, String> params = new HashMap<>();
        params.put("DAY", "1");
        params.put("NULL_VALUE", null);
        SqlScript script = SqlScript.parse("SELECT 1;\nSELECT * FROM ${TARGET_DB}.t\n  WHERE d = '${DAY}';\n"
                + "SELECT ${NULL_VALUE}, ${TARGET_DB}", "SQL file ddl/x.sql");

        assertThatThrownBy(() -> script.render(params))
                .isInstanceOf(MissingParametersException.class)
                .hasMessage("SQL file ddl/x.sql uses ${TARGET_DB} (statement at line 2), ${NULL_VALUE} (statement at"
                        + " line 4) but no values are given for them (given: [DAY, NULL_VALUE]).")
                .satisfies(e -> assertThat(((MissingParametersException) e).missing())
                        .containsExactly("TARGET_DB", "NULL_VALUE"));
    }

    @Test
    void otherDollarSignsAndBracesStay() {
        assertThat(SqlParameters.substitute("${A} $B ${} ${1X} ${A", Map.of("A", "a"), "text"))
                .isEqualTo("a $B ${} ${1X} ${A");
    }
}
