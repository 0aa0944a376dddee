package dev.obs.spi;

import dev.obs.internal.db.DbClientObservation;
import javax.sql.DataSource;

/**
 * Where a database integration (such as {@code obs-jdbc}) reports what it observes; the installed
 * modules' {@link DbClientObserver}s hear it. Without obs installed every method returns at once.
 *
 * <pre>{@code
 * Object call = DbClientReporting.start(operation);   // null when nobody listens
 * long t0 = System.nanoTime();
 * try {
 *     result = statement.executeQuery();
 * } catch (SQLException e) {
 *     DbClientReporting.end(call, System.nanoTime() - t0, -1, e, safeMessageOf(e), false);
 *     throw e;
 * }
 * DbClientReporting.end(call, System.nanoTime() - t0, -1, null, null, false);
 * }</pre>
 */
public final class DbClientReporting {

    private DbClientReporting() {
    }

    /** Whether any module observes database operations. */
    public static boolean isObserved() {
        return !DbClientObservation.isEmpty();
    }

    /** A data source was wrapped (also tells observers added later). */
    public static void wrapped(DataSource dataSource) {
        DbClientObservation.wrapped(dataSource);
    }

    /** An operation starts on this thread; returns the handle for {@link #end}, {@code null} when nobody listens. */
    public static Object start(DbOperation operation) {
        return DbClientObservation.start(operation);
    }

    /**
     * The operation started with {@link #start} ended; see {@link DbClientCall#onEnd} for the arguments.
     * A failure's {@code safeMessage} is {@linkplain SafeMessages#register registered}, so that no
     * module exports the driver's own message (which quotes statements and values) even when the
     * exception escapes the request or is logged.
     */
    public static void end(Object handle, long durationNanos, long rows, Throwable error, String safeMessage, boolean slow) {
        if (error != null) {
            SafeMessages.register(error, safeMessage);
        }
        DbClientObservation.end(handle, durationNanos, rows, error, safeMessage, slow);
    }

    /** Getting a connection was slow or failed; see {@link DbClientObserver#onConnectionAcquire}. */
    public static void connectionAcquire(DataSource dataSource, long startEpochNanos, long durationNanos, Throwable error,
                                         String safeMessage) {
        if (error != null) {
            SafeMessages.register(error, safeMessage);
        }
        DbClientObservation.connectionAcquire(dataSource, startEpochNanos, durationNanos, error, safeMessage);
    }
}
