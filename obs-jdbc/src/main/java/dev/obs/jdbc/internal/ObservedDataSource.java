package dev.obs.jdbc.internal;

import dev.obs.spi.DbClientReporting;
import java.io.Closeable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * The proxy behind {@code ObsJdbc.wrap}: hands out observed connections, reports slow or failed
 * connection acquisition, and passes everything else to the wrapped data source. It implements
 * {@link DataSource} and, when the wrapped one does, {@link Closeable}/{@link AutoCloseable}, so
 * closing a wrapped pool still closes the pool.
 */
public final class ObservedDataSource implements InvocationHandler {

    private final DataSource delegate;
    private volatile DbTarget target;

    private ObservedDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    public static DataSource wrap(DataSource dataSource) {
        if (Proxy.isProxyClass(dataSource.getClass()) && Proxy.getInvocationHandler(dataSource) instanceof ObservedDataSource) {
            return dataSource;
        }
        Class<?>[] types = dataSource instanceof Closeable ? new Class<?>[] {DataSource.class, Closeable.class}
                : dataSource instanceof AutoCloseable ? new Class<?>[] {DataSource.class, AutoCloseable.class}
                : new Class<?>[] {DataSource.class};
        DataSource proxy = (DataSource) Proxy.newProxyInstance(Handlers.LOADER, types, new ObservedDataSource(dataSource));
        DbClientReporting.wrapped(dataSource);
        return proxy;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("getConnection") && method.getReturnType() == Connection.class) {
            return getConnection(method, args);
        }
        Object handled = Handlers.common(proxy, delegate, method, args);
        if (handled != Handlers.NOT_HANDLED) {
            return handled;
        }
        return Handlers.delegate(delegate, method, args);
    }

    private Object getConnection(Method method, Object[] args) throws Throwable {
        long start = System.nanoTime();
        Connection connection;
        try {
            connection = (Connection) Handlers.delegate(delegate, method, args);
        } catch (Throwable e) {
            long took = System.nanoTime() - start;
            if (DbClientReporting.isObserved()) {
                DbClientReporting.connectionAcquire(delegate, epochNanosAgo(took), took, e, Handlers.safeMessage(e));
            }
            throw e;
        }
        long took = System.nanoTime() - start;
        if (took >= JdbcSettings.slowAcquireNanos() && DbClientReporting.isObserved()) {
            DbClientReporting.connectionAcquire(delegate, epochNanosAgo(took), took, null, null);
        }
        if (connection == null) {
            return null;
        }
        return ObservedConnection.wrap(connection, targetOf(connection));
    }

    private static long epochNanosAgo(long nanos) {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - nanos;
    }

    private DbTarget targetOf(Connection connection) {
        DbTarget t = target;
        if (t == null) {
            t = ObservedConnection.readTarget(connection);
            target = t;
        }
        return t;
    }

    /** For tests and diagnostics. */
    static boolean isObserved(Object dataSource) {
        return dataSource != null && Proxy.isProxyClass(dataSource.getClass())
                && Proxy.getInvocationHandler(dataSource) instanceof ObservedDataSource;
    }

}
