package dev.obs.errors.internal;

import dev.obs.redact.Redactor;
import dev.obs.spi.Diagnostics;
import dev.obs.spi.SafeMessages;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SpanContext;
import io.sentry.protocol.Contexts;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.Response;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentry's {@code beforeSend} and {@code beforeBreadcrumb}: runs every text of an event through
 * obs's {@link Redactor} — messages, exception values, extras, tags, contexts, request data, user,
 * response and breadcrumbs — whoever created the event (obs or the application through Sentry's API).
 * Exception values whose throwable (or a cause) has a {@link SafeMessages safe message} get it instead.
 * An event that cannot be scrubbed is dropped rather than sent as it is.
 */
final class EventScrubber {

    private static final int MAX_DEPTH = 8;

    private final Redactor redactor;
    private final Diagnostics diagnostics;

    EventScrubber(Redactor redactor, Diagnostics diagnostics) {
        this.redactor = redactor;
        this.diagnostics = diagnostics;
    }

    SentryEvent scrub(SentryEvent event, Hint hint) {
        try {
            Throwable thrown = event.getThrowable();
            Message message = event.getMessage();
            if (message != null) {
                message.setFormatted(redactor.redact(SafeMessages.scrub(thrown, message.getFormatted())));
                message.setMessage(redactor.redact(SafeMessages.scrub(thrown, message.getMessage())));
                List<String> params = message.getParams();
                if (params != null) {
                    List<String> scrubbed = new ArrayList<>(params.size());
                    for (String p : params) {
                        scrubbed.add(redactor.redact(p));
                    }
                    message.setParams(scrubbed);
                }
            }
            List<SentryException> exceptions = event.getExceptions();
            if (exceptions != null) {
                for (SentryException exception : exceptions) {
                    // a database driver's message quotes the statement: the integration registered a safe one
                    exception.setValue(redactor.redact(SafeMessages.scrub(thrown, exception.getValue())));
                }
            }
            event.setTransaction(redactor.redact(event.getTransaction()));
            Map<String, String> tags = event.getTags();
            if (tags != null && !tags.isEmpty()) {
                Map<String, String> scrubbed = new LinkedHashMap<>();
                tags.forEach((k, v) -> scrubbed.put(k, redactor.redact(k, v)));
                event.setTags(scrubbed);
            }
            Map<String, Object> extras = event.getExtras();
            if (extras != null && !extras.isEmpty()) {
                event.setExtras(scrubMap(extras, 0));
            }
            scrubRequest(event.getRequest());
            scrubUser(event.getUser());
            scrubContexts(event.getContexts());
            Response response = event.getContexts().getResponse();
            if (response != null) {
                response.setCookies(response.getCookies() == null ? null : Redactor.MASK);
                response.setHeaders(scrubStrings(response.getHeaders()));
                response.setData(scrubValue("data", response.getData(), 0));
            }
            List<Breadcrumb> breadcrumbs = event.getBreadcrumbs();
            if (breadcrumbs != null) {
                for (Breadcrumb breadcrumb : breadcrumbs) {
                    scrubInPlace(breadcrumb);
                }
            }
            return event;
        } catch (RuntimeException e) {
            diagnostics.warnOnce("errors-scrub", "an error event could not be scrubbed (" + e
                    + ") and was dropped rather than sent unredacted");
            return null;
        }
    }

    Breadcrumb scrub(Breadcrumb breadcrumb, Hint hint) {
        try {
            scrubInPlace(breadcrumb);
            return breadcrumb;
        } catch (RuntimeException e) {
            diagnostics.warnOnce("errors-scrub-breadcrumb", "a breadcrumb could not be scrubbed (" + e + ") and was dropped");
            return null;
        }
    }

    private void scrubInPlace(Breadcrumb breadcrumb) {
        breadcrumb.setMessage(redactor.redact(breadcrumb.getMessage()));
        Map<String, Object> data = breadcrumb.getData();
        if (data != null && !data.isEmpty()) {
            for (Map.Entry<String, Object> entry : new ArrayList<>(data.entrySet())) {
                Object scrubbed = scrubValue(entry.getKey(), entry.getValue(), 0);
                if (scrubbed == null) {
                    breadcrumb.removeData(entry.getKey());
                } else {
                    breadcrumb.setData(entry.getKey(), scrubbed);
                }
            }
        }
    }

    // Contexts set through Sentry's API are maps of anything; the typed ones obs sets hold IDs and codes.
    private void scrubContexts(Contexts contexts) {
        for (String key : java.util.Collections.list(contexts.keys())) {
            Object value = contexts.get(key);
            if (value instanceof Map || value instanceof Collection || value instanceof String || value instanceof Object[]) {
                Object scrubbed = scrubValue(key, value, 0);
                if (scrubbed == null) {
                    contexts.remove(key);
                } else {
                    contexts.put(key, scrubbed);
                }
            }
        }
        SpanContext trace = contexts.getTrace();
        if (trace != null && trace.getDescription() != null) {
            trace.setDescription(redactor.redact(trace.getDescription()));
        }
    }

    private void scrubRequest(Request request) {
        if (request == null) {
            return;
        }
        request.setUrl(redactor.redact(request.getUrl()));
        request.setQueryString(redactor.redact(request.getQueryString()));
        request.setFragment(redactor.redact(request.getFragment()));
        request.setData(scrubValue("data", request.getData(), 0));
        request.setCookies(request.getCookies() == null ? null : Redactor.MASK);
        request.setHeaders(scrubStrings(request.getHeaders()));
        request.setEnvs(scrubStrings(request.getEnvs()));
        request.setOthers(scrubStrings(request.getOthers()));
    }

    // No e-mail, no IP address, no name: only an opaque ID, and that redacted too.
    @SuppressWarnings("deprecation") // User.name is deprecated in Sentry's protocol, but still sent when set
    private void scrubUser(User user) {
        if (user == null) {
            return;
        }
        user.setEmail(null);
        user.setIpAddress(null);
        user.setName(null);
        user.setGeo(null);
        user.setId(redactor.redact(user.getId()));
        user.setUsername(redactor.redact(user.getUsername()));
        user.setData(scrubStrings(user.getData()));
    }

    private Map<String, String> scrubStrings(Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            return values;
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, redactor.redact(k, v)));
        return out;
    }

    private Map<String, Object> scrubMap(Map<?, ?> values, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            String key = String.valueOf(k);
            out.put(key, scrubValue(key, v, depth + 1));
        });
        return out;
    }

    private Object scrubValue(String key, Object value, int depth) {
        if (value == null) {
            return null;
        }
        if (key != null && redactor.isSensitiveKey(key)) {
            return Redactor.MASK;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (depth >= MAX_DEPTH) {
            return redactor.redact(String.valueOf(value));
        }
        if (value instanceof Map) {
            return scrubMap((Map<?, ?>) value, depth);
        }
        if (value instanceof Collection) {
            List<Object> out = new ArrayList<>();
            for (Object item : (Collection<?>) value) {
                out.add(scrubValue(null, item, depth + 1));
            }
            return out;
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> out = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                out.add(scrubValue(null, Array.get(value, i), depth + 1));
            }
            return out;
        }
        return redactor.redact(String.valueOf(value));
    }
}
