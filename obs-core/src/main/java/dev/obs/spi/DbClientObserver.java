package dev.obs.spi;

import javax.sql.DataSource;

/**
 * Observes database operations that an integration such as {@code obs-jdbc} reports: the tracing
 * module makes a CLIENT span of each, the metrics module records
 * {@code db.client.operation.duration}, the logging module writes slow queries. Register one with
 * {@link ModuleContext#addDbClientObserver}.
 *
 * <pre>{@code
 * context.addDbClientObserver(new DbClientObserver() {
 *     public DbClientCall onStart(DbOperation op) {
 *         return (nanos, rows, error, safeMessage, slow) -> timerFor(op, error).record(nanos, NANOSECONDS);
 *     }
 * });
 * }</pre>
 */
public interface DbClientObserver {

    /**
     * An operation starts, on the calling thread, with the caller's request context current. Return
     * what to tell at its end, or {@code null}. Keep it cheap: it runs before every statement.
     */
    DbClientCall onStart(DbOperation operation);

    /**
     * Getting a connection from a wrapped {@link DataSource} was slow (past
     * {@code obs.jdbc.slow.acquire}) or failed; called on the calling thread after the fact.
     *
     * @param dataSource     the wrapped (not the wrapping) data source
     * @param startEpochNanos when the caller asked, in nanoseconds since the epoch
     * @param durationNanos  how long it waited
     * @param error          what {@code getConnection} threw, or {@code null}
     * @param safeMessage    {@code error}'s message made safe to export, or {@code null}
     */
    default void onConnectionAcquire(DataSource dataSource, long startEpochNanos, long durationNanos, Throwable error,
                                     String safeMessage) {
    }

    /**
     * A {@link DataSource} was wrapped (also one wrapped before this observer was added). The
     * metrics module binds a connection pool's own metrics here. The default does nothing.
     */
    default void onDataSourceWrapped(DataSource dataSource) {
    }
}
