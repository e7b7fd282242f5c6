package io.dataflow.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

        List<SqlScript.Statement> statements = SqlScript.split(text);

        assertThat(statements).extracting(SqlScript.Statement::sql).containsExactly(
                "CREATE TABLE t (a STRING)",
                "INSERT INTO t VALUES ('x;y'), (\"q\\\"uote;\"), ('it\\'s;')",
                "SELECT `odd;name` FROM t");
        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(2, 5, 6);
    }

    @Test
    void keepsOptimizerHints() {
        List<SqlScript.Statement> statements = SqlScript.split("SELECT /*+ BROADCAST(b) */ * FROM a JOIN b;;  ;");

        assertThat(statements).extracting(SqlScript.Statement::sql)
                .containsExactly("SELECT /*+ BROADCAST(b) */ * FROM a JOIN b");
    }

    @Test
    void dropsParametersThatOnlyAppearInComments() {
        List<SqlScript.Statement> statements = SqlScript.split("-- uses ${UNDEFINED}\nSELECT 1");

        assertThat(SqlScript.substitute(statements.get(0).sql(), Map.of(), "f.sql", 2)).isEqualTo("SELECT 1");
    }

    @Test
    void substitutesParametersAsPlainText() {
        String sql = SqlScript.substitute("INSERT INTO ${TARGET_DB}.t SELECT '${run.date}', '${TARGET_DB}'",
                Map.of("TARGET_DB", "prod", "run.date", "2022-01-01"), "f.sql", 1);

        assertThat(sql).isEqualTo("INSERT INTO prod.t SELECT '2022-01-01', 'prod'");
    }

    @Test
    void missingParameterNamesFileLineAndFix() {
        assertThatThrownBy(() -> SqlScript.substitute("SELECT * FROM ${TARGET_DB}.t", Map.of("DAY", "1"), "ddl/x.sql", 7))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("ddl/x.sql")
                .hasMessageContaining("line 7")
                .hasMessageContaining("${TARGET_DB}")
                .hasMessageContaining("Add TARGET_DB to the job's or the workflow's params");
    }

    @Test
    void recognisesQueriesThatMustBeShownToRun() {
        assertThat(SqlTaskRunner.isQuery("select 1")).isTrue();
        assertThat(SqlTaskRunner.isQuery("(SELECT 1) UNION (SELECT 2)")).isTrue();
        assertThat(SqlTaskRunner.isQuery("WITH a AS (SELECT 1) SELECT * FROM a")).isTrue();
        assertThat(SqlTaskRunner.isQuery("INSERT INTO t SELECT 1")).isFalse();
        assertThat(SqlTaskRunner.isQuery("CREATE TABLE selection (a INT)")).isFalse();
    }
}
