package dev.obs.internal.runtime;

import dev.obs.spi.Diagnostics;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Writes obs's own diagnostics to stderr, each key at most once. */
public final class StderrDiagnostics implements Diagnostics {

    private static final int MAX_KEYS = 1024;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final PrintStream out;

    /** Writes to whatever {@code System.err} is at the time of each message. */
    public StderrDiagnostics() {
        this(null);
    }

    public StderrDiagnostics(PrintStream out) {
        this.out = out;
    }

    @Override
    public void warn(String message) {
        (out != null ? out : System.err).println("obs: " + message);
    }

    @Override
    public void warnOnce(String key, String message) {
        // Past the cap every new key is treated as seen: a bug that makes unbounded keys must not flood stderr.
        if (seen.size() < MAX_KEYS && seen.add(key)) {
            warn(message);
        }
    }

    /** Forgets what was printed, so that a new install reports its own problems. */
    public void reset() {
        seen.clear();
    }
}
