package dev.obs.logging.internal;

import dev.obs.spi.DbClientCall;
import dev.obs.spi.DbClientObserver;
import dev.obs.spi.DbOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a WARN line for every database operation slower than {@code obs.jdbc.slow.query}: its
 * sanitized text (never a value), duration and, on failure, {@code error.type}; the line carries the
 * request's IDs like any other, because it is logged on the thread that ran the statement.
 *
 * <pre>{@code
 * {"level":"WARN","logger":"dev.obs.jdbc","message":"slow query: SELECT orders took 812 ms",
 *  "request_id":"...","trace_id":"...","db.query.text":"SELECT * FROM orders WHERE total > ?",
 *  "duration_ms":812,...}
 * }</pre>
 */
public final class SlowQueryLog implements DbClientObserver {

    /** The logger of the lines, so they can be raised or silenced like any other. */
    public static final String LOGGER = "dev.obs.jdbc";

    private final Logger logger = LoggerFactory.getLogger(LOGGER);

    @Override
    public DbClientCall onStart(DbOperation op) {
        return (durationNanos, rows, error, safeMessage, slow) -> {
            if (slow && logger.isWarnEnabled()) {
                long millis = durationNanos / 1_000_000L;
                var line = logger.atWarn().addKeyValue("db.system.name", op.system());
                if (op.operationName() != null) {
                    line = line.addKeyValue("db.operation.name", op.operationName());
                }
                if (op.collectionName() != null) {
                    line = line.addKeyValue("db.collection.name", op.collectionName());
                }
                line = line.addKeyValue("db.query.text", op.queryText()).addKeyValue("duration_ms", millis);
                if (error != null) {
                    line = line.addKeyValue("error.type", DbOperation.errorType(error));
                }
                line.log("slow query: {} took {} ms", op.spanName(), millis);
            }
        };
    }
}
