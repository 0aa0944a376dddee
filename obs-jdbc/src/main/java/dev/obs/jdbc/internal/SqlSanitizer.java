package dev.obs.jdbc.internal;

import java.util.Locale;

/**
 * Makes a SQL text safe to export and reads its operation and table, in one linear pass.
 *
 * <p>Every literal becomes {@code ?}: quoted strings ({@code 'x'}, {@code E'x'}, {@code N'x'},
 * {@code X'0F'}, {@code U&'x'}, PostgreSQL's {@code $$x$$} and {@code $tag$x$tag$}), numbers
 * ({@code 42}, {@code -1.5e3}, {@code 0x1F}); comments, which can hold anything, are dropped. An
 * unterminated literal swallows the rest of the text. Identifiers ({@code orders},
 * {@code "Orders"}, {@code `orders`}), keywords, operators and JDBC parameters ({@code ?},
 * {@code $1}) stay. The text is cut at {@link #MAX_LENGTH} characters. So a value the application
 * inlined into its SQL never leaves the process through a span, a log line or a metric.
 *
 * <p>This is deliberately small (see {@code docs/jdbc.md}): OpenTelemetry's JDBC library
 * instrumentation has a fuller sanitizer, but it is alpha, brings the instrumentation API and
 * makes spans itself, while obs reports one observation through core's SPI to every pillar.
 */
public final class SqlSanitizer {

    /** Longest sanitized text kept; the rest is replaced by {@code ...}. */
    public static final int MAX_LENGTH = 2048;

    private SqlSanitizer() {
    }

    /** The result: sanitized text, operation ({@code SELECT}, ... or {@code null}) and table ({@code null} when unknown). */
    public record Parsed(String text, String operation, String collection) {
    }

    public static Parsed parse(String sql) {
        if (sql == null) {
            return new Parsed("", null, null);
        }
        StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH) + 8);
        String operation = null;
        String collection = null;
        // state for the table: which keyword was last seen, waiting for an identifier
        int expect = 0; // 0 nothing, 1 table follows (FROM/INTO/UPDATE/TABLE/JOIN), 2 procedure name follows (CALL)
        boolean collectionDone = false;
        String previousWord = null;
        String[] name = new String[1];
        int n = sql.length();
        int i = 0;
        while (i < n) {
            if (out.length() >= MAX_LENGTH) {
                out.append("...");
                break;
            }
            char c = sql.charAt(i);
            // comments: dropped
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
                appendSpace(out);
                i = skipBlanksAfterSpace(sql, i, out);
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                appendSpace(out);
                i = skipBlanksAfterSpace(sql, i, out);
                continue;
            }
            if (c == '#' && i + 1 < n && sql.charAt(i + 1) == ' ') { // MySQL line comment
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
                appendSpace(out);
                i = skipBlanksAfterSpace(sql, i, out);
                continue;
            }
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
                out.append('?');
                continue;
            }
            if (c == '$') {
                int tagEnd = dollarTagEnd(sql, i);
                if (tagEnd > 0) { // $$...$$ or $tag$...$tag$
                    String tag = sql.substring(i, tagEnd + 1);
                    int close = sql.indexOf(tag, tagEnd + 1);
                    i = close < 0 ? n : close + tag.length();
                    out.append('?');
                    continue;
                }
                // $1 positional parameter: keep
                out.append(c);
                i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    out.append(sql.charAt(i++));
                }
                continue;
            }
            if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = skipQuoted(sql, i, close);
                String ident = sql.substring(i + 1, Math.max(i + 1, end - 1));
                out.append(sql, i, end);
                i = end;
                if (expect != 0 && !collectionDone) {
                    i = qualified(sql, i, ident, out, name);
                    collection = name[0];
                    collectionDone = true;
                    expect = 0;
                }
                previousWord = null;
                continue;
            }
            if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
                i = skipNumber(sql, i);
                out.append('?');
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && isIdentifierPart(sql.charAt(i))) {
                    i++;
                }
                String word = sql.substring(start, i);
                // prefixed string literals: E'..', N'..', X'..', B'..', U&'..'
                if (i < n && sql.charAt(i) == '\'' && word.length() == 1 && "eEnNxXbBuU".indexOf(c) >= 0) {
                    i = skipQuoted(sql, i, '\'');
                    out.append('?');
                    continue;
                }
                if (i + 1 < n && sql.charAt(i) == '&' && sql.charAt(i + 1) == '\'' && (c == 'u' || c == 'U') && word.length() == 1) {
                    i = skipQuoted(sql, i + 1, '\'');
                    out.append('?');
                    continue;
                }
                String upper = word.toUpperCase(Locale.ROOT);
                if (operation == null) {
                    if (upper.equals("WITH")) {
                        operation = null; // the main statement comes after the CTEs; keep looking
                    } else if (isOperation(upper)) {
                        operation = upper;
                    }
                }
                if (expect != 0 && !collectionDone && !isKeywordBeforeName(upper)) {
                    out.append(word);
                    i = qualified(sql, i, word, out, name);
                    collection = name[0];
                    collectionDone = true;
                    expect = 0;
                    previousWord = null;
                    continue;
                }
                if (!collectionDone) {
                    expect = expectAfter(upper, previousWord, operation, expect);
                }
                out.append(word);
                previousWord = upper;
                continue;
            }
            if (c == '(' && expect != 0) {
                expect = 0; // a subquery, not a table
            }
            out.append(c);
            i++;
        }
        String text = out.toString().trim();
        return new Parsed(text, operation, collection);
    }

    /** Reads {@code schema.table} parts after a first identifier into {@code result[0]}; returns the index after them. */
    private static int qualified(String sql, int i, String first, StringBuilder out, String[] result) {
        StringBuilder name = new StringBuilder(first);
        int n = sql.length();
        while (i + 1 < n && sql.charAt(i) == '.') {
            char next = sql.charAt(i + 1);
            if (next == '"' || next == '`') {
                int end = skipQuoted(sql, i + 1, next);
                out.append('.').append(sql, i + 1, end);
                name.append('.').append(sql, i + 2, Math.max(i + 2, end - 1));
                i = end;
            } else if (Character.isLetter(next) || next == '_') {
                int start = i + 1;
                int end = start;
                while (end < n && isIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                out.append('.').append(sql, start, end);
                name.append('.').append(sql, start, end);
                i = end;
            } else {
                break;
            }
        }
        result[0] = name.toString();
        return i;
    }

    private static boolean isOperation(String upper) {
        switch (upper) {
            case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "CALL", "EXEC", "EXECUTE",
                 "CREATE", "DROP", "ALTER", "TRUNCATE", "VALUES", "SHOW", "SET", "BEGIN", "COMMIT", "ROLLBACK",
                 "GRANT", "REVOKE", "COPY", "EXPLAIN", "ANALYZE", "VACUUM", "LOCK" -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Words that may sit between the keyword and the table: {@code IF NOT EXISTS}, {@code ONLY}, {@code TABLE}. */
    private static boolean isKeywordBeforeName(String upper) {
        switch (upper) {
            case "IF", "NOT", "EXISTS", "ONLY", "TABLE", "INTO", "FROM", "LATERAL", "TEMPORARY", "TEMP", "UNLOGGED", "GLOBAL",
                 "LOCAL", "IGNORE", "LOW_PRIORITY", "DELAYED", "QUICK", "HIGH_PRIORITY", "SELECT", "DISTINCT" -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private static int expectAfter(String upper, String previous, String operation, int current) {
        if (operation == null) {
            return current;
        }
        switch (upper) {
            case "FROM", "INTO", "JOIN" -> {
                return 1;
            }
            case "UPDATE" -> {
                return operation.equals("UPDATE") ? 1 : current;
            }
            case "TABLE" -> {
                return 1;
            }
            case "TRUNCATE", "CALL", "EXEC", "EXECUTE" -> {
                return operation.equals(upper) ? 2 : current;
            }
            default -> {
                return current;
            }
        }
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipBlanksAfterSpace(String sql, int i, StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            while (i < sql.length() && (sql.charAt(i) == ' ' || sql.charAt(i) == '\t')) {
                i++;
            }
        }
        return i;
    }

    private static void appendSpace(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }

    /** Index after the closing quote (doubled quotes and backslash escapes inside); the end of text when unterminated. */
    private static int skipQuoted(String sql, int open, char quote) {
        int n = sql.length();
        int i = open + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && quote == '\'') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote && quote != ']') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }

    /** For {@code $tag$} at {@code i}, the index of the tag's closing {@code $}; -1 when it is no dollar quote. */
    private static int dollarTagEnd(String sql, int i) {
        int n = sql.length();
        int j = i + 1;
        if (j < n && Character.isDigit(sql.charAt(j))) {
            return -1; // $1
        }
        while (j < n) {
            char c = sql.charAt(j);
            if (c == '$') {
                return j;
            }
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return -1;
            }
            j++;
        }
        return -1;
    }

    private static int skipNumber(String sql, int i) {
        int n = sql.length();
        if (sql.charAt(i) == '0' && i + 1 < n && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')) {
            i += 2;
            while (i < n && Character.digit(sql.charAt(i), 16) >= 0) {
                i++;
            }
            return i;
        }
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isDigit(c) || c == '.' || c == '_') {
                i++;
            } else if ((c == 'e' || c == 'E') && i + 1 < n
                    && (Character.isDigit(sql.charAt(i + 1)) || ((sql.charAt(i + 1) == '-' || sql.charAt(i + 1) == '+')
                    && i + 2 < n && Character.isDigit(sql.charAt(i + 2))))) {
                i += 2;
            } else {
                break;
            }
        }
        // a number glued to letters (1abc) is still one literal
        while (i < n && isIdentifierPart(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * A driver's error message made safe to export: its first line only (PostgreSQL puts the
     * offending values in a {@code Detail:} line), every quoted text ({@code '...'} and
     * {@code "..."}, which drivers use to quote values and statements) and every number replaced.
     */
    public static String safeMessage(String message) {
        if (message == null) {
            return null;
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        StringBuilder out = new StringBuilder(Math.min(line.length(), 512));
        int n = Math.min(line.length(), 4096);
        int i = 0;
        while (i < n && out.length() < 512) {
            char c = line.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = line.indexOf(c, i + 1);
                i = end < 0 ? n : end + 1;
                out.append('?');
            } else if (Character.isDigit(c) && (i == 0 || !isIdentifierPart(line.charAt(i - 1)))) {
                while (i < n && isIdentifierPart(line.charAt(i)) || i < n && line.charAt(i) == '.') {
                    i++;
                }
                out.append('?');
            } else if (c == '(' ) {
                // PostgreSQL writes values as "Key (id)=(42)": drop parenthesised groups after '='
                if (i > 0 && line.charAt(i - 1) == '=') {
                    int end = line.indexOf(')', i);
                    i = end < 0 ? n : end + 1;
                    out.append('?');
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
