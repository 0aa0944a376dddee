package dev.obs.benchmarks.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * {@code GET /work}: the realistic endpoint. Each request borrows a connection from HikariCP, runs
 * one query on an in-memory H2 table (a scan over a window of days, filtered by status, sorted, top
 * 20), and writes the rows as JSON. The table size decides the cost; the default is chosen so that a
 * request takes about a millisecond of CPU on a current x86 core (see benchmarks/e2e/README.md).
 */
final class OrderReport implements AutoCloseable {

    static final int DEFAULT_ROWS = 12_000;

    private static final int DAYS = 365;
    private static final int WINDOW_DAYS = 90;
    private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "RETURNED"};
    private static final String[] NOTES = {"", "leave at the door", "gift wrap, \"express\"", "call before delivery",
        "fragile\\handle with care"};
    private static final String QUERY = "SELECT id, customer_id, status, amount_cents, created_day, note FROM orders "
            + "WHERE created_day BETWEEN ? AND ? AND status = ? ORDER BY amount_cents DESC, id LIMIT 20";

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final HikariDataSource pool;
    private final DataSource dataSource;

    private OrderReport(HikariDataSource pool, DataSource dataSource) {
        this.pool = pool;
        this.dataSource = dataSource;
    }

    /**
     * @param queries how the requests reach the pool: as it is, or wrapped (obs-jdbc); the table is
     *                loaded through the pool itself
     */
    static OrderReport start(int rows, UnaryOperator<DataSource> queries) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("orders");
        // A database of its own per instance, kept while the process lives and dropped by close().
        config.setJdbcUrl("jdbc:h2:mem:orders-" + INSTANCES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        load(dataSource, rows);
        return new OrderReport(dataSource, queries.apply(dataSource));
    }

    private static void load(HikariDataSource dataSource, int rows) throws SQLException {
        Random random = new Random(42);
        try (Connection c = dataSource.getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id VARCHAR(32) NOT NULL, "
                    + "status VARCHAR(16) NOT NULL, amount_cents BIGINT NOT NULL, created_day INT NOT NULL, note VARCHAR(64) NOT NULL)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= rows; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "customer-" + random.nextInt(5_000));
                    insert.setString(3, STATUSES[random.nextInt(STATUSES.length)]);
                    insert.setLong(4, 100 + random.nextInt(100_000));
                    insert.setInt(5, random.nextInt(DAYS));
                    insert.setString(6, NOTES[random.nextInt(NOTES.length)]);
                    insert.addBatch();
                    if (id % 1_000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        }
    }

    void handle(HttpExchange exchange) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(DAYS - WINDOW_DAYS);
        int to = from + WINDOW_DAYS;
        String status = STATUSES[random.nextInt(STATUSES.length)];
        StringBuilder json = new StringBuilder(4_096);
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(QUERY)) {
            query.setInt(1, from);
            query.setInt(2, to);
            query.setString(3, status);
            json.append("{\"status\":");
            appendString(json, status);
            json.append(",\"from_day\":").append(from).append(",\"to_day\":").append(to).append(",\"orders\":[");
            long totalCents = 0;
            int count = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long amountCents = rows.getLong(4);
                    json.append(count == 0 ? "{" : ",{").append("\"id\":").append(rows.getLong(1)).append(",\"customer\":");
                    appendString(json, rows.getString(2));
                    json.append(",\"status\":");
                    appendString(json, rows.getString(3));
                    json.append(",\"amount\":\"").append(amountCents / 100).append('.');
                    long cents = amountCents % 100;
                    json.append(cents < 10 ? "0" : "").append(cents).append("\",\"day\":").append(rows.getInt(5)).append(",\"note\":");
                    appendString(json, rows.getString(6));
                    json.append('}');
                    totalCents += amountCents;
                    count++;
                }
            }
            json.append("],\"count\":").append(count).append(",\"total_cents\":").append(totalCents).append("}\n");
        } catch (SQLException e) {
            BenchmarkService.respond(exchange, 500, "text/plain; charset=utf-8",
                    ("query failed: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        BenchmarkService.respond(exchange, 200, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Appends {@code value} as a JSON string, escaping what RFC 8259 requires. */
    static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        json.append(String.format("\\u%04x", (int) ch));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        json.append('"');
    }

    @Override
    public void close() {
        try (Connection c = pool.getConnection(); Statement shutdown = c.createStatement()) {
            shutdown.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Already gone: nothing left to drop.
        }
        pool.close();
    }
}
