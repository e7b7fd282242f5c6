package io.dataflow.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a SQL file into statements and fills in {@code ${NAME}} parameters.
 *
 * <p>Statements end at {@code ;} outside quotes ({@code '…'}, {@code "…"}, {@code `…`}) and comments.
 * Comments ({@code -- …} and {@code /* … *&#47;}) are dropped, except optimizer hints
 * ({@code /*+ … *&#47;}), which Spark needs. Parameters are replaced after splitting, as plain text, so a
 * value holding {@code ;} or {@code --} cannot change where statements end.
 */
final class SqlScript {

    /** One statement and the line of the file where it starts (1-based). */
    record Statement(int line, String sql) {}

    private static final Pattern PARAMETER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    private SqlScript() {}

    static List<Statement> split(String text) {
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

    /**
     * Replaces every {@code ${NAME}} by its value; a name without a value is an error naming the file,
     * the line and the fix.
     */
    static String substitute(String sql, Map<String, String> params, String file, int line) {
        Matcher matcher = PARAMETER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = params.get(name);
            if (value == null) {
                throw new TaskFailedException("SQL file " + file + " (statement at line " + line + ") uses ${" + name
                        + "}, but the job gives no value for it. Add " + name + " to the job's or the workflow's params"
                        + " (defined names: " + params.keySet().stream().sorted().toList() + ").");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
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
