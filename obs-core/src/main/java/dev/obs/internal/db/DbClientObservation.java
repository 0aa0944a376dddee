package dev.obs.internal.db;

import dev.obs.internal.context.ContextRegistry;
import dev.obs.spi.DbClientCall;
import dev.obs.spi.DbClientObserver;
import dev.obs.spi.DbOperation;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Where database integrations report and the installed modules' {@link DbClientObserver}s listen.
 * Not public API. Wrapped data sources are remembered weakly, so an observer added later (the
 * application wrapped its pool before {@code install()}) still hears of them.
 */
public final class DbClientObservation {

    private static final DbClientObserver[] NONE = new DbClientObserver[0];
    private static final int MAX_REMEMBERED = 64;

    private static volatile DbClientObserver[] observers = NONE;
    private static final List<WeakReference<DataSource>> wrapped = new ArrayList<>();

    private DbClientObservation() {
    }

    public static boolean isEmpty() {
        return observers.length == 0;
    }

    public static void add(DbClientObserver observer) {
        List<DataSource> known = new ArrayList<>();
        synchronized (DbClientObservation.class) {
            DbClientObserver[] next = Arrays.copyOf(observers, observers.length + 1);
            next[next.length - 1] = observer;
            observers = next;
            for (WeakReference<DataSource> ref : wrapped) {
                DataSource ds = ref.get();
                if (ds != null) {
                    known.add(ds);
                }
            }
        }
        for (DataSource ds : known) {
            announce(observer, ds);
        }
    }

    /** Takes out {@code observer}, e.g. of a module whose start failed half-way. */
    public static synchronized void remove(DbClientObserver observer) {
        observers = Arrays.stream(observers).filter(o -> o != observer).toArray(DbClientObserver[]::new);
    }

    public static synchronized void clear() {
        observers = NONE;
    }

    /** An integration wrapped {@code dataSource}. */
    public static void wrapped(DataSource dataSource) {
        DbClientObserver[] current;
        synchronized (DbClientObservation.class) {
            wrapped.removeIf(ref -> ref.get() == null || ref.get() == dataSource);
            if (wrapped.size() < MAX_REMEMBERED) {
                wrapped.add(new WeakReference<>(dataSource));
            }
            current = observers;
        }
        for (DbClientObserver observer : current) {
            announce(observer, dataSource);
        }
    }

    private static void announce(DbClientObserver observer, DataSource dataSource) {
        try {
            observer.onDataSourceWrapped(dataSource);
        } catch (RuntimeException | LinkageError e) {
            warn(observer, "data-source", e);
        }
    }

    /**
     * An operation starts. Returns the handle to pass to {@link #end}: {@code null} when nobody
     * listens, one {@link DbClientCall}, or an array of them.
     */
    public static Object start(DbOperation operation) {
        DbClientObserver[] all = observers;
        if (all.length == 0) {
            return null;
        }
        if (all.length == 1) {
            return startOne(all[0], operation);
        }
        DbClientCall[] calls = null;
        int n = 0;
        for (DbClientObserver observer : all) {
            DbClientCall call = startOne(observer, operation);
            if (call != null) {
                if (calls == null) {
                    calls = new DbClientCall[all.length];
                }
                calls[n++] = call;
            }
        }
        return calls;
    }

    private static DbClientCall startOne(DbClientObserver observer, DbOperation operation) {
        try {
            return observer.onStart(operation);
        } catch (RuntimeException e) {
            warn(observer, "start", e);
            return null;
        }
    }

    /** The operation started with {@link #start} ended. */
    public static void end(Object handle, long durationNanos, long rows, Throwable error, String safeMessage, boolean slow) {
        if (handle == null) {
            return;
        }
        if (handle instanceof DbClientCall call) {
            endOne(call, durationNanos, rows, error, safeMessage, slow);
            return;
        }
        for (DbClientCall call : (DbClientCall[]) handle) {
            if (call == null) {
                break;
            }
            endOne(call, durationNanos, rows, error, safeMessage, slow);
        }
    }

    private static void endOne(DbClientCall call, long durationNanos, long rows, Throwable error, String safeMessage, boolean slow) {
        try {
            call.onEnd(durationNanos, rows, error, safeMessage, slow);
        } catch (RuntimeException e) {
            warn(call, "end", e);
        }
    }

    /** Getting a connection was slow or failed. */
    public static void connectionAcquire(DataSource dataSource, long startEpochNanos, long durationNanos, Throwable error,
                                         String safeMessage) {
        for (DbClientObserver observer : observers) {
            try {
                observer.onConnectionAcquire(dataSource, startEpochNanos, durationNanos, error, safeMessage);
            } catch (RuntimeException e) {
                warn(observer, "acquire", e);
            }
        }
    }

    private static void warn(Object who, String what, Throwable e) {
        ContextRegistry.diagnostics().warnOnce("db-observer-" + what + "-" + who.getClass().getName(),
                "database observer " + who.getClass().getName() + " failed (" + what + "): " + e + "; the statement is not affected");
    }
}
