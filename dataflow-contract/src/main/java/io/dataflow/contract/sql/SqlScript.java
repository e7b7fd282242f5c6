package io.dataflow.contract.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SQL job file as a run executes it, in the one form the runner and the test harness share
 * ({@code docs/running.md}, "SQL files"):
 *
 * <ul>
 *   <li>statements end at {@code ;} outside quotes ({@code '…'}, {@code "…"}, {@code `…`}; a backslash escapes
 *       inside {@code '…'} and {@code "…"}, as in Spark SQL) and outside comments; blank statements are dropped;</li>
 *   <li>comments ({@code -- …} and {@code /* … *&#47;}) are removed, except optimizer hints
 *       ({@code /*+ … *&#47;}), which Spark needs;</li>
 *   <li>{@link SqlParameters {@code ${NAME}}} is replaced after splitting, as plain text, so a value holding
 *       {@code ;} or {@code --} cannot change where statements end, and a parameter used only in a comment needs
 *       no value.</li>
 * </ul>
 */
public final class SqlScript {

    /** One statement and the line of the file where it starts (1-based). */
    public record Statement(int line, String sql) {}

    private final String source;
    private final List<Statement> statements;

    private SqlScript(String source, List<Statement> statements) {
        this.source = source;
        this.statements = List.copyOf(statements);
    }

    /**
     * @param text the file's content
     * @param source names the file in messages, e.g. {@code SQL file ddl/create.sql}
     */
    public static SqlScript parse(String text, String source) {
        return new SqlScript(source, split(text));
    }

    public String source() {
        return source;
    }

    /** The statements with comments removed and parameters still in place. */
    public List<Statement> statements() {
        return statements;
    }

    /** The parameters the statements use (not those only in comments), in order of first use. */
    public Set<String> parameters() {
        Set<String> names = new LinkedHashSet<>();
        statements.forEach(statement -> names.addAll(SqlParameters.names(statement.sql())));
        return names;
    }

    /**
     * The statements with every parameter filled in. All parameters are checked before any statement is returned,
     * so a caller never runs half a file because of a missing value.
     *
     * @throws MissingParametersException naming every parameter without a value and the line of its statement
     */
    public List<Statement> render(Map<String, String> params) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (Statement statement : statements) {
            for (String name : SqlParameters.names(statement.sql())) {
                if (params.get(name) == null) {
                    missing.putIfAbsent(name, "statement at line " + statement.line());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingParametersException(source, missing, params.keySet());
        }
        return statements.stream().map(statement -> new Statement(statement.line(),
                SqlParameters.substitute(statement.sql(), params, source))).toList();
    }

    private static List<Statement> split(String text) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c == '-' && next(text, i) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                continue;
            }
            if (c == '/' && next(text, i) == '*' && next(text, i + 1) != '+') {
                int end = text.indexOf("*/", i + 2);
                int stop = end < 0 ? text.length() : end + 2;
                line += countNewlines(text, i, stop);
                current.append(' ');
                i = stop;
                continue;
            }
            if (c == ';') {
                addStatement(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
                i++;
                continue;
            }
            if (startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(text, i, c);
                line += countNewlines(text, i + 1, end);
                current.append(text, i, end);
                i = end;
                continue;
            }
            current.append(c);
            i++;
        }
        addStatement(statements, current, startLine);
        return statements;
    }

    private static void addStatement(List<Statement> statements, StringBuilder current, int startLine) {
        String sql = current.toString().strip();
        if (!sql.isEmpty()) {
            statements.add(new Statement(startLine, sql));
        }
    }

    /** Index just after the closing quote; a backslash escapes inside '…' and "…" as in Spark SQL. */
    private static int endOfQuoted(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static char next(String text, int i) {
        return i + 1 < text.length() ? text.charAt(i + 1) : '\0';
    }

    private static int countNewlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < Math.min(to, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
