package dev.obs.logging.internal;

import dev.obs.context.RequestContext;
import dev.obs.spi.ContextListener;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * Keeps {@code request_id}, {@code trace_id} and {@code span_id} in the SLF4J MDC in step with the
 * request context, on every thread, whenever a context is attached or a scope restores the previous
 * one. Logback copies the MDC into each event on the calling thread, so the IDs stay right however
 * late an async appender writes the line, and any encoder or pattern ({@code %X{request_id}}) sees
 * them, obs's own or one in the application's {@code logback.xml}.
 */
public final class MdcContextListener implements ContextListener {

    private final MDCAdapter mdc = MDC.getMDCAdapter();

    @Override
    public void onContextChanged(RequestContext current) {
        if (current == null) {
            mdc.remove(LogFields.REQUEST_ID);
            mdc.remove(LogFields.TRACE_ID);
            mdc.remove(LogFields.SPAN_ID);
            return;
        }
        mdc.put(LogFields.REQUEST_ID, current.requestId());
        putOrRemove(LogFields.TRACE_ID, current.traceId());
        putOrRemove(LogFields.SPAN_ID, current.spanId());
    }

    private void putOrRemove(String key, String value) {
        if (value == null) {
            mdc.remove(key);
        } else {
            mdc.put(key, value);
        }
    }
}
