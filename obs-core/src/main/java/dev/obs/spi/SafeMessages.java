package dev.obs.spi;

import dev.obs.redact.Redactor;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Safe stand-ins for the messages of exceptions that quote values. A database driver writes the
 * statement or the offending values into its exception's message; an integration that saw such an
 * exception registers a message safe to export, and every place where obs turns a throwable into
 * text that leaves the process (error events, log lines' stack traces, span events, the console)
 * uses it instead of the throwable's own — also where the throwable is the cause of the exception
 * being reported, or where another exception's message quotes it ({@code new RuntimeException(e)}).
 * The exception itself is never changed: the application gets it as the driver threw it.
 *
 * <pre>{@code
 * } catch (SQLException e) {
 *     SafeMessages.register(e, sanitize(e.getMessage()));   // the integration, where it saw e
 *     throw e;
 * }
 * ...
 * String text = SafeMessages.scrub(reported, throwable.getMessage()); // a module, before text leaves
 * }</pre>
 *
 * Registrations are held weakly (an exception that is no longer referenced is forgotten) and by
 * identity; at most {@value #CAPACITY} are kept, the oldest forgotten first.
 */
public final class SafeMessages {

    /** How many registrations are kept at most. */
    public static final int CAPACITY = 1024;

    private static final int MAX_CHAIN = 16;
    private static final int MIN_LINE = 12;

    // Throwable does not override equals/hashCode, so a WeakHashMap of them is keyed by identity.
    private static final Map<Throwable, String> SAFE = new WeakHashMap<>();
    private static final ArrayDeque<WeakReference<Throwable>> ORDER = new ArrayDeque<>();
    private static volatile boolean used;

    private SafeMessages() {
    }

    /** Use {@code safeMessage} instead of {@code error}'s own message wherever obs exports it. */
    public static void register(Throwable error, String safeMessage) {
        if (error == null) {
            return;
        }
        synchronized (SAFE) {
            if (SAFE.put(error, safeMessage == null ? "" : safeMessage) == null) {
                ORDER.addLast(new WeakReference<>(error));
                while (ORDER.size() > CAPACITY) {
                    Throwable oldest = ORDER.removeFirst().get();
                    if (oldest != null) {
                        SAFE.remove(oldest);
                    }
                }
            }
            used = true;
        }
    }

    /** The safe message registered for {@code error} itself, or {@code null}. */
    public static String safeMessage(Throwable error) {
        if (!used || error == null) {
            return null;
        }
        synchronized (SAFE) {
            return SAFE.get(error);
        }
    }

    /** {@code error}'s message as obs may export it: see {@link #scrub}. */
    public static String messageOf(Throwable error) {
        if (error == null) {
            return null;
        }
        String safe = safeMessage(error);
        return safe != null ? safe : scrub(error, error.getMessage());
    }

    /**
     * {@code text} (a message or stack trace of {@code error} or of a throwable in its chain) with
     * the message of every registered throwable in {@code error}'s chain (causes and suppressed)
     * replaced by its safe message, and every longer line of such a message that is quoted apart
     * replaced by {@link Redactor#MASK}. Returns {@code text} itself when nothing applies.
     */
    public static String scrub(Throwable error, String text) {
        if (!used || error == null || text == null || text.isEmpty()) {
            return text;
        }
        List<String[]> replacements = registeredInChain(error);
        if (replacements.isEmpty()) {
            return text;
        }
        String out = text;
        for (String[] r : replacements) {
            out = out.replace(r[0], r[1]);
        }
        for (String[] r : replacements) {
            if (r[0].indexOf('\n') >= 0) {
                for (String line : r[0].split("\n")) {
                    String trimmed = line.trim();
                    if (trimmed.length() >= MIN_LINE && !r[1].contains(trimmed)) {
                        out = out.replace(trimmed, Redactor.MASK);
                    }
                }
            }
        }
        return out;
    }

    private static List<String[]> registeredInChain(Throwable error) {
        List<String[]> out = new ArrayList<>(2);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>();
        todo.add(error);
        while (!todo.isEmpty() && seen.size() < MAX_CHAIN) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            String safe;
            synchronized (SAFE) {
                safe = SAFE.get(t);
            }
            String raw = safe == null ? null : t.getMessage(); // outside the lock: getMessage() may be anyone's code
            if (raw != null && !raw.isEmpty() && !raw.equals(safe)) {
                out.add(new String[] {raw, safe});
            }
            todo.add(t.getCause());
            Collections.addAll(todo, t.getSuppressed());
        }
        // longest first, so that a message containing another is replaced whole
        out.sort((a, b) -> Integer.compare(b[0].length(), a[0].length()));
        return out;
    }
}
