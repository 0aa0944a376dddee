package dev.obs.jdbc.internal;

import dev.obs.spi.DbClientReporting;
import dev.obs.spi.DbOperation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement, prepared statement or callable statement whose executions are observed: each
 * {@code execute*} call and each {@code executeBatch} is one operation reported through core's
 * SPI. Nothing is kept from one execution to the next but the batch being built, so a statement
 * (or its connection, back in a pool) carries no request's context into another's.
 */
final class ObservedStatement implements InvocationHandler {

    private final Statement delegate;
    private final Connection connection;
    private final DbTarget target;
    private final DbOperation prepared; // null for a plain Statement
    private List<String> batch; // a plain Statement's texts
    private int batchCount; // a prepared statement's addBatch() calls

    ObservedStatement(Statement delegate, Connection connection, DbTarget target, DbOperation prepared) {
        this.delegate = delegate;
        this.connection = connection;
        this.target = target;
        this.prepared = prepared;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "executeQuery", "execute", "executeUpdate", "executeLargeUpdate" -> {
                DbOperation op;
                if (args != null && args.length > 0 && args[0] instanceof String sql) {
                    op = target.operation(sql, false);
                } else if (prepared != null) {
                    op = prepared;
                } else {
                    return Handlers.delegate(delegate, method, args);
                }
                return observe(op, method, args);
            }
            case "executeBatch", "executeLargeBatch" -> {
                DbOperation op;
                if (prepared != null) {
                    op = target.batch(prepared, batchCount);
                } else if (batch != null && !batch.isEmpty()) {
                    op = target.batch(batch);
                } else {
                    op = target.batch(List.of(""));
                }
                batch = null;
                batchCount = 0; // the driver clears its batch on executeBatch, successful or not
                return observe(op, method, args);
            }
            case "addBatch" -> {
                Object result = Handlers.delegate(delegate, method, args);
                if (args != null && args.length == 1 && args[0] instanceof String sql) {
                    if (batch == null) {
                        batch = new ArrayList<>();
                    }
                    if (batch.size() < 10_000) {
                        batch.add(sql);
                    }
                } else {
                    batchCount++;
                }
                return result;
            }
            case "clearBatch" -> {
                Object result = Handlers.delegate(delegate, method, args);
                batch = null;
                batchCount = 0;
                return result;
            }
            case "getConnection" -> {
                if (args == null || args.length == 0) {
                    Handlers.delegate(delegate, method, args); // the driver's checks (closed statement) stay
                    return connection;
                }
                return Handlers.delegate(delegate, method, args);
            }
            default -> {
                Object handled = Handlers.common(proxy, delegate, method, args);
                if (handled != Handlers.NOT_HANDLED) {
                    return handled;
                }
                return Handlers.delegate(delegate, method, args);
            }
        }
    }

    private Object observe(DbOperation op, Method method, Object[] args) throws Throwable {
        Object handle = DbClientReporting.start(op);
        if (handle == null) {
            return Handlers.delegate(delegate, method, args);
        }
        long start = System.nanoTime();
        Object result;
        try {
            result = Handlers.delegate(delegate, method, args);
        } catch (Throwable e) {
            long took = System.nanoTime() - start;
            DbClientReporting.end(handle, took, -1, e, Handlers.safeMessage(e), took >= JdbcSettings.slowQueryNanos());
            throw e;
        }
        long took = System.nanoTime() - start;
        DbClientReporting.end(handle, took, rows(result), null, null, took >= JdbcSettings.slowQueryNanos());
        return result;
    }

    private static long rows(Object result) {
        if (result instanceof Integer i) {
            return i;
        }
        if (result instanceof Long l) {
            return l;
        }
        if (result instanceof int[] counts) {
            long sum = 0;
            for (int c : counts) {
                if (c < 0) {
                    return -1; // SUCCESS_NO_INFO or EXECUTE_FAILED: the driver does not say
                }
                sum += c;
            }
            return sum;
        }
        if (result instanceof long[] counts) {
            long sum = 0;
            for (long c : counts) {
                if (c < 0) {
                    return -1;
                }
                sum += c;
            }
            return sum;
        }
        return -1;
    }
}
