package dev.obs.jdbc;

import dev.obs.jdbc.internal.ObservedDataSource;
import javax.sql.DataSource;

/**
 * Observes a {@link DataSource} with one line: every statement, prepared statement, callable
 * statement and batch run through it becomes a CLIENT span ({@code SELECT orders}) with the
 * sanitized query text, a sample of the {@code db.client.operation.duration} histogram and, past
 * {@code obs.jdbc.slow.query}, a WARN log line; a HikariCP pool's own metrics appear on
 * {@code /metrics}. Everything else (connections, result sets, {@code unwrap}, errors) is the
 * driver's own.
 *
 * <pre>{@code
 * Observability obs = Observability.install();
 * HikariDataSource pool = new HikariDataSource(config);
 * DataSource db = ObsJdbc.wrap(pool);
 * try (Connection c = db.getConnection();
 *      PreparedStatement s = c.prepareStatement("SELECT total FROM orders WHERE id = ?")) { ... }
 * }</pre>
 *
 * <p>Wrapping works before or after {@code install()}; without obs installed the wrapper only
 * passes calls on. The signals go to whichever pillars ({@code obs-tracing}, {@code obs-metrics},
 * {@code obs-logging}) are on the class path. See {@code docs/jdbc.md}.
 */
public final class ObsJdbc {

    private ObsJdbc() {
    }

    /**
     * Returns {@code dataSource} observed. Wrapping an already wrapped data source returns it
     * unchanged. {@code unwrap(HikariDataSource.class)} on the result gives the pool back.
     */
    public static DataSource wrap(DataSource dataSource) {
        if (dataSource == null) {
            throw new NullPointerException("dataSource");
        }
        return ObservedDataSource.wrap(dataSource);
    }
}
