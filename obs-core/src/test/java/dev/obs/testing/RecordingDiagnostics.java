package dev.obs.testing;

import dev.obs.spi.Diagnostics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Diagnostics that keep every warning, for tests that assert what a user would read on stderr. */
public final class RecordingDiagnostics implements Diagnostics {

    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void warnOnce(String key, String message) {
        warnings.add(message);
    }

    /** The warnings so far, oldest first; a live view. */
    public List<String> warnings() {
        return warnings;
    }
}
