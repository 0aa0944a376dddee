package dev.obs.jdbc.internal;

import dev.obs.spi.DbOperation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database a data source talks to ({@code db.system.name}, {@code db.namespace},
 * {@code server.address}, {@code server.port}), read from the connection's JDBC URL, which drivers
 * hold locally (no round trip). Credentials and parameters in the URL are never kept. Also caches
 * the {@link DbOperation} of each prepared statement text.
 */
final class DbTarget {

    private static final int MAX_CACHED = 2048;

    final String system;
    final String namespace;
    final String host;
    final int port;
    private final Map<String, DbOperation> prepared = new ConcurrentHashMap<>();

    DbTarget(String system, String namespace, String host, int port) {
        this.system = system;
        this.namespace = namespace;
        this.host = host;
        this.port = port;
    }

    static final DbTarget UNKNOWN = new DbTarget("other_sql", null, null, 0);

    /** The operation of a statement text, cached when {@code cache} (prepared statements are reused; inlined texts are not). */
    DbOperation operation(String sql, boolean cache) {
        if (cache) {
            DbOperation op = prepared.get(sql);
            if (op != null) {
                return op;
            }
        }
        SqlSanitizer.Parsed parsed = SqlSanitizer.parse(sql);
        DbOperation op = new DbOperation(system, namespace, host, port, parsed.operation(), parsed.collection(), parsed.text(), 0);
        if (cache && prepared.size() < MAX_CACHED) {
            prepared.putIfAbsent(sql, op);
        }
        return op;
    }

    /** A batch of {@code size} executions of one prepared operation. */
    DbOperation batch(DbOperation op, int size) {
        if (size < 2) {
            return op;
        }
        return new DbOperation(system, namespace, host, port, op.operationName() == null ? "BATCH" : "BATCH " + op.operationName(),
                op.collectionName(), op.queryText(), size);
    }

    /** A batch of plain statement texts. */
    DbOperation batch(List<String> sqls) {
        if (sqls.size() == 1) {
            return operation(sqls.get(0), false);
        }
        Set<String> texts = new LinkedHashSet<>();
        String operation = null;
        String collection = null;
        boolean sameOperation = true;
        boolean sameCollection = true;
        for (int i = 0; i < sqls.size(); i++) {
            SqlSanitizer.Parsed p = SqlSanitizer.parse(sqls.get(i));
            if (texts.size() < 16) {
                texts.add(p.text());
            }
            if (i == 0) {
                operation = p.operation();
                collection = p.collection();
            } else {
                sameOperation &= java.util.Objects.equals(operation, p.operation());
                sameCollection &= java.util.Objects.equals(collection, p.collection());
            }
        }
        String text = String.join("; ", new ArrayList<>(texts));
        if (text.length() > SqlSanitizer.MAX_LENGTH) {
            text = text.substring(0, SqlSanitizer.MAX_LENGTH) + "...";
        }
        return new DbOperation(system, namespace, host, port,
                sameOperation && operation != null ? "BATCH " + operation : "BATCH",
                sameCollection ? collection : null, text, sqls.size());
    }

    /** Reads the target from a JDBC URL such as {@code jdbc:postgresql://db:5432/orders?ssl=true}. */
    static DbTarget fromUrl(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return UNKNOWN;
        }
        String rest = url.substring(5);
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            return UNKNOWN;
        }
        String sub = rest.substring(0, colon).toLowerCase(Locale.ROOT);
        String tail = rest.substring(colon + 1);
        switch (sub) {
            case "postgresql", "pgsql" -> {
                return network("postgresql", tail, 5432);
            }
            case "mysql" -> {
                return network("mysql", tail, 3306);
            }
            case "mariadb" -> {
                return network("mariadb", tail, 3306);
            }
            case "sqlserver" -> {
                return network("microsoft.sql_server", tail, 1433);
            }
            case "db2" -> {
                return network("ibm.db2", tail, 50000);
            }
            case "oracle" -> {
                int at = tail.indexOf('@');
                return at < 0 ? new DbTarget("oracle.db", null, null, 0) : network("oracle.db", "//" + stripSlashes(tail.substring(at + 1)), 1521);
            }
            case "h2" -> {
                return embedded("h2database", tail);
            }
            case "hsqldb" -> {
                return embedded("hsqldb", tail);
            }
            case "derby" -> {
                return embedded("derby", tail);
            }
            case "sqlite" -> {
                return embedded("sqlite", tail);
            }
            default -> {
                return UNKNOWN;
            }
        }
    }

    private static String stripSlashes(String s) {
        return s.startsWith("//") ? s.substring(2) : s;
    }

    private static DbTarget network(String system, String tail, int defaultPort) {
        if (!tail.startsWith("//")) {
            return new DbTarget(system, null, null, 0);
        }
        String s = tail.substring(2);
        int end = indexOfAny(s, "/?;");
        String authority = end < 0 ? s : s.substring(0, end);
        String path = end < 0 || s.charAt(end) != '/' ? "" : s.substring(end + 1);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1); // user:password@ never kept
        }
        int comma = authority.indexOf(',');
        if (comma >= 0) {
            authority = authority.substring(0, comma); // first of several hosts
        }
        String host = authority;
        int port = defaultPort;
        int portColon = authority.lastIndexOf(':');
        if (portColon > 0 && authority.indexOf(']') < portColon) {
            host = authority.substring(0, portColon);
            try {
                port = Integer.parseInt(authority.substring(portColon + 1));
            } catch (NumberFormatException e) {
                port = defaultPort;
            }
        }
        int pathEnd = indexOfAny(path, "?;/");
        String database = pathEnd < 0 ? path : path.substring(0, pathEnd);
        return new DbTarget(system, database.isEmpty() ? null : database, host.isEmpty() ? null : host, host.isEmpty() ? 0 : port);
    }

    private static DbTarget embedded(String system, String tail) {
        if (tail.startsWith("tcp:") || tail.startsWith("ssl:") || tail.startsWith("hsql:") || tail.startsWith("http:")) {
            DbTarget t = network(system, tail.substring(tail.indexOf(':') + 1), 0);
            String ns = t.namespace == null ? null : lastSegment(t.namespace);
            return new DbTarget(system, ns, t.host, t.port);
        }
        String s = tail;
        for (String prefix : new String[] {"mem:", "file:", "res:", "zip:", "memory:", "directory:", "classpath:", "jar:"}) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
                break;
            }
        }
        int end = indexOfAny(s, ";?");
        String name = lastSegment(end < 0 ? s : s.substring(0, end));
        return new DbTarget(system, name.isEmpty() ? null : name, null, 0);
    }

    private static String lastSegment(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
