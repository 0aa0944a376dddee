package dev.obs.logging.internal;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * The readable format for local development ({@code OBS_LOG_FORMAT=text}):
 *
 * <pre>
 * 14:02:11.532 INFO  [http-1] c.a.orders.OrderService - order placed order_id=42 request_id=7f3c trace_id=4bf9... span_id=00f0...
 * </pre>
 *
 * Line breaks in the message are written as {@code \n} so that one event stays one line; a stack
 * trace follows on indented lines, as developers expect to read it.
 */
public final class TextLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(36);

    @Override
    public String doLayout(ILoggingEvent event) {
        ILoggingEvent e = RedactedEvent.of(event, LoggingRuntime.state().redactor());
        StringBuilder out = new StringBuilder(160);
        TIME.formatTo(e.getInstant(), out);
        out.append(' ').append(e.getLevel().levelStr);
        for (int pad = e.getLevel().levelStr.length(); pad < 5; pad++) {
            out.append(' ');
        }
        out.append(" [").append(e.getThreadName()).append("] ")
                .append(abbreviator.abbreviate(e.getLoggerName())).append(" - ");
        appendOneLine(out, e.getFormattedMessage());
        List<KeyValuePair> pairs = e.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                out.append(' ').append(pair.key).append('=');
                appendOneLine(out, String.valueOf(pair.value));
            }
        }
        Map<String, String> mdc = e.getMDCPropertyMap();
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            String key = entry.getKey();
            if (!key.equals(LogFields.REQUEST_ID) && !key.equals(LogFields.TRACE_ID) && !key.equals(LogFields.SPAN_ID)) {
                out.append(' ').append(key).append('=');
                appendOneLine(out, entry.getValue());
            }
        }
        appendId(out, LogFields.REQUEST_ID, mdc);
        appendId(out, LogFields.TRACE_ID, mdc);
        appendId(out, LogFields.SPAN_ID, mdc);
        out.append('\n');
        IThrowableProxy throwable = e.getThrowableProxy();
        if (throwable != null) {
            out.append(ThrowableProxyUtil.asString(throwable));
        }
        return out.toString();
    }

    private static void appendId(StringBuilder out, String key, Map<String, String> mdc) {
        String value = mdc.get(key);
        if (value != null) {
            out.append(' ').append(key).append('=').append(value);
        }
    }

    private static void appendOneLine(StringBuilder out, String text) {
        if (text == null) {
            out.append("null");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(c);
            }
        }
    }
}
