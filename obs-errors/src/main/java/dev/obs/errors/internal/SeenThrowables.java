package dev.obs.errors.internal;

import java.lang.ref.WeakReference;

/**
 * The throwables already reported, by identity, so that one exception becomes one event however
 * many capture points it passes. Bounded: the oldest entries are forgotten first, and entries
 * whose throwable was collected no longer count. Identity, not {@code equals}: two failures with
 * equal messages are two events.
 */
final class SeenThrowables {

    /** Causes followed when checking a chain; guards against cycles and absurd depths. */
    static final int MAX_CHAIN = 32;

    private final WeakReference<?>[] refs;
    private final int[] hashes;
    private int next;

    SeenThrowables(int capacity) {
        this.refs = new WeakReference<?>[capacity];
        this.hashes = new int[capacity];
    }

    /**
     * Marks {@code error} and its causes as reported and returns {@code true}, unless it or one of
     * its causes was reported before: then it returns {@code false} and marks nothing.
     */
    synchronized boolean markIfNew(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CHAIN; depth++, t = t.getCause()) {
            if (contains(t)) {
                return false;
            }
        }
        t = error;
        for (int depth = 0; t != null && depth < MAX_CHAIN; depth++, t = t.getCause()) {
            add(t);
        }
        return true;
    }

    private boolean contains(Throwable t) {
        int hash = System.identityHashCode(t);
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] == hash && refs[i] != null && refs[i].get() == t) {
                return true;
            }
        }
        return false;
    }

    private void add(Throwable t) {
        refs[next] = new WeakReference<>(t);
        hashes[next] = System.identityHashCode(t);
        next = (next + 1) % refs.length;
    }

    /** Whether {@code candidate} is {@code error} or one of its causes. */
    static boolean inChain(Throwable error, Throwable candidate) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CHAIN; depth++, t = t.getCause()) {
            if (t == candidate) {
                return true;
            }
        }
        return false;
    }
}
