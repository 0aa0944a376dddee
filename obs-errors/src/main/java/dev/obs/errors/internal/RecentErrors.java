package dev.obs.errors.internal;

import dev.obs.errors.CapturedError;
import java.util.ArrayDeque;
import java.util.List;

/** The last errors captured, oldest first; bounded. */
final class RecentErrors {

    private final int capacity;
    private final ArrayDeque<CapturedError> errors;

    RecentErrors(int capacity) {
        this.capacity = capacity;
        this.errors = new ArrayDeque<>(capacity);
    }

    synchronized void add(CapturedError error) {
        if (errors.size() == capacity) {
            errors.removeFirst();
        }
        errors.addLast(error);
    }

    synchronized List<CapturedError> snapshot() {
        return List.copyOf(errors);
    }
}
