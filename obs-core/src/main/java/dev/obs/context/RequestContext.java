package dev.obs.context;

import dev.obs.internal.context.ContextRegistry;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What obs knows about the unit of work in progress: its request ID, trace ID, span ID, sampling
 * decision, user ID and a few attributes. Every signal obs emits while a context is current
 * carries these values, which is how one request ID joins logs, metrics exemplars, spans and
 * error events.
 *
 * <pre>{@code
 * RequestContext ctx = RequestContext.current();            // null outside a request
 * if (ctx != null) {
 *     log.info("serving {}", ctx.requestId());
 * }
 *
 * // background work that is not an HTTP request gets a context of its own
 * try (ContextScope scope = RequestContext.newRequest(RequestIds.generate()).makeCurrent()) {
 *     runNightlyJob();
 * }
 * }</pre>
 *
 * <p>Instances are immutable: the {@code with...} methods return a copy. Moving work to another
 * thread keeps the context when the work is wrapped by {@link ContextPropagation}.
 */
public final class RequestContext {

    /** Most attributes a context holds; more are ignored so that a context stays small. */
    public static final int MAX_ATTRIBUTES = 16;
    private static final int MAX_ATTRIBUTE_KEY_LENGTH = 64;
    private static final int MAX_ATTRIBUTE_VALUE_LENGTH = 256;
    private static final Object[] NO_EXTENSIONS = new Object[0];

    private final String requestId;
    private final String traceId;
    private final String spanId;
    private final boolean sampled;
    private final String userId;
    private final Map<String, String> attributes;
    private final Object[] extensions; // alternating ContextKey, value

    private RequestContext(String requestId, String traceId, String spanId, boolean sampled, String userId,
                           Map<String, String> attributes, Object[] extensions) {
        this.requestId = requestId;
        this.traceId = traceId;
        this.spanId = spanId;
        this.sampled = sampled;
        this.userId = userId;
        this.attributes = attributes;
        this.extensions = extensions;
    }

    /** The context current on this thread, or {@code null} when no unit of work is in progress. */
    public static RequestContext current() {
        return ContextRegistry.current();
    }

    /** A fresh context for a new unit of work, with no trace yet. */
    public static RequestContext newRequest(String requestId) {
        if (!RequestIds.isValid(requestId)) {
            throw new IllegalArgumentException("not a valid request ID (1-" + RequestIds.MAX_LENGTH
                    + " characters from [A-Za-z0-9._:=+/-]); use RequestIds.acceptOrGenerate");
        }
        return new RequestContext(requestId, null, null, false, null, Collections.emptyMap(), NO_EXTENSIONS);
    }

    /**
     * Makes this context current on this thread until the returned scope is closed, which restores
     * the previous one.
     */
    public ContextScope makeCurrent() {
        return ContextRegistry.attach(this);
    }

    /** Makes no context current until the scope is closed: work that must not inherit a request. */
    public static ContextScope makeEmptyCurrent() {
        return ContextRegistry.attach(null);
    }

    /** The request ID; never null. */
    public String requestId() {
        return requestId;
    }

    /** The trace ID as 32 lowercase hex characters, or {@code null} before a trace is started. */
    public String traceId() {
        return traceId;
    }

    /** The current span's ID as 16 lowercase hex characters, or {@code null} when there is none. */
    public String spanId() {
        return spanId;
    }

    /** Whether this request's trace is sampled: the one decision every module follows. */
    public boolean sampled() {
        return sampled;
    }

    /** The ID of the user the request acts for, or {@code null}. Never an e-mail or a name. */
    public String userId() {
        return userId;
    }

    /** The attributes, in insertion order; at most {@value #MAX_ATTRIBUTES}. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** A copy with the given trace, span and sampling decision. */
    public RequestContext withTrace(String traceId, String spanId, boolean sampled) {
        return new RequestContext(requestId, traceId, spanId, sampled, userId, attributes, extensions);
    }

    /** A copy whose current span is {@code spanId}, in the same trace. */
    public RequestContext withSpanId(String spanId) {
        return new RequestContext(requestId, traceId, spanId, sampled, userId, attributes, extensions);
    }

    /** A copy acting for the given user ID. */
    public RequestContext withUserId(String userId) {
        return new RequestContext(requestId, traceId, spanId, sampled, userId, attributes, extensions);
    }

    /**
     * A copy with one more attribute. Keys longer than 64 characters are ignored, values are cut
     * at 256 characters, and attributes past {@value #MAX_ATTRIBUTES} are ignored.
     */
    public RequestContext withAttribute(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.length() > MAX_ATTRIBUTE_KEY_LENGTH
                || (attributes.size() >= MAX_ATTRIBUTES && !attributes.containsKey(key))) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.put(key, value.length() > MAX_ATTRIBUTE_VALUE_LENGTH ? value.substring(0, MAX_ATTRIBUTE_VALUE_LENGTH) : value);
        return new RequestContext(requestId, traceId, spanId, sampled, userId, Collections.unmodifiableMap(copy), extensions);
    }

    /** The value a module keeps under {@code key}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextKey<T> key) {
        Object[] ext = extensions;
        for (int i = 0; i < ext.length; i += 2) {
            if (ext[i] == key) {
                return (T) ext[i + 1];
            }
        }
        return null;
    }

    /** A copy with {@code value} kept under {@code key} (null removes it). */
    public <T> RequestContext with(ContextKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Object[] ext = extensions;
        for (int i = 0; i < ext.length; i += 2) {
            if (ext[i] == key) {
                Object[] copy;
                if (value == null) {
                    copy = new Object[ext.length - 2];
                    System.arraycopy(ext, 0, copy, 0, i);
                    System.arraycopy(ext, i + 2, copy, i, ext.length - i - 2);
                } else {
                    copy = ext.clone();
                    copy[i + 1] = value;
                }
                return new RequestContext(requestId, traceId, spanId, sampled, userId, attributes, copy);
            }
        }
        if (value == null) {
            return this;
        }
        Object[] copy = Arrays.copyOf(ext, ext.length + 2);
        copy[ext.length] = key;
        copy[ext.length + 1] = value;
        return new RequestContext(requestId, traceId, spanId, sampled, userId, attributes, copy);
    }

    @Override
    public String toString() {
        return "RequestContext{requestId=" + requestId + ", traceId=" + traceId + ", spanId=" + spanId
                + ", sampled=" + sampled + (userId == null ? "" : ", userId=" + userId) + "}";
    }
}
