package dev.obs.errors.internal;

import dev.obs.errors.CapturedError;
import dev.obs.redact.Redactor;
import dev.obs.spi.ErrorEvent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Turns a reported error into core's {@link ErrorEvent}: a bounded stack trace whose messages are redacted. */
final class ErrorSignal {

    static final int MAX_FRAMES_PER_THROWABLE = 40;
    static final int MAX_CAUSES = 8;
    static final int MAX_CHARS = 16_384;

    private ErrorSignal() {
    }

    static ErrorEvent of(Throwable error, CapturedError captured, Redactor redactor) {
        StackTraceElement[] frames = error.getStackTrace();
        String location = frames.length == 0 ? "(no stack trace)" : frames[0].toString();
        return new ErrorEvent(captured.time().toEpochMilli(), captured.exceptionType(), captured.message(), location,
                stackTrace(error, redactor), captured.requestId(), captured.traceId(), captured.eventId());
    }

    static String stackTrace(Throwable error, Redactor redactor) {
        StringBuilder out = new StringBuilder(1024);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_CAUSES && seen.add(t) && out.length() < MAX_CHARS; depth++) {
            if (depth > 0) {
                out.append("Caused by: ");
            }
            out.append(t.getClass().getName());
            String message = dev.obs.spi.SafeMessages.messageOf(t);
            if (message != null) {
                out.append(": ").append(redactor.redact(message));
            }
            out.append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            int shown = Math.min(frames.length, MAX_FRAMES_PER_THROWABLE);
            for (int i = 0; i < shown; i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > shown) {
                out.append("\t... ").append(frames.length - shown).append(" more\n");
            }
            t = t.getCause();
        }
        return out.length() > MAX_CHARS ? out.substring(0, MAX_CHARS) + "\n\t... (cut)" : out.toString();
    }
}
