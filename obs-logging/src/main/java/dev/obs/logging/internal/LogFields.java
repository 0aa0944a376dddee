package dev.obs.logging.internal;

import java.util.Set;

/** The names of the fields of a log line (DESIGN.md, "Names"). */
public final class LogFields {

    public static final String TIMESTAMP = "@timestamp";
    public static final String LEVEL = "level";
    public static final String LOGGER = "logger";
    public static final String THREAD = "thread";
    public static final String MESSAGE = "message";
    public static final String SERVICE = "service";
    public static final String ENV = "env";
    public static final String VERSION = "version";
    public static final String REQUEST_ID = "request_id";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String STACK_TRACE = "stack_trace";

    private static final Set<String> RESERVED = Set.of(TIMESTAMP, LEVEL, LOGGER, THREAD, MESSAGE, SERVICE, ENV, VERSION,
            REQUEST_ID, TRACE_ID, SPAN_ID, STACK_TRACE);

    private LogFields() {
    }

    /**
     * The name a key-value pair, MDC entry or structured argument is written under: its own, or
     * with a leading underscore when it would collide with one of obs's fields, so that
     * {@code addKeyValue("level", ...)} can never pass for the line's level or
     * {@code kv("request_id", ...)} for its request ID.
     */
    public static String userFieldName(String name) {
        return RESERVED.contains(name) ? "_" + name : name;
    }
}
