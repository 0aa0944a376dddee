package dev.obs.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attributes obs writes that the stable semantic conventions ({@code opentelemetry-semconv},
 * used for everything else: {@code HttpAttributes}, {@code UrlAttributes}, ...) do not hold.
 */
final class SemanticAttributes {

    // code.namespace and code.function as obs has always written them (class, then method). The
    // stable conventions replace both with one code.function.name ("com.acme.Orders.place"); moving
    // to it changes what users' queries and dashboards match, so it is a change of its own.
    static final AttributeKey<String> CODE_NAMESPACE = AttributeKey.stringKey("code.namespace");
    static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function");

    /** obs's own: the request ID that joins the span to the request's logs and error events. */
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("obs.request_id");

    private SemanticAttributes() {
    }
}
