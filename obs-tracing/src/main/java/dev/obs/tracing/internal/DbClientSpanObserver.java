package dev.obs.tracing.internal;

import dev.obs.spi.DbClientCall;
import dev.obs.spi.DbClientObserver;
import dev.obs.spi.DbOperation;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A CLIENT span per database operation (stable OpenTelemetry database conventions): named
 * {@code SELECT orders}, with {@code db.system.name}, {@code db.namespace},
 * {@code db.operation.name}, {@code db.collection.name}, the sanitized {@code db.query.text},
 * {@code server.address}/{@code server.port}, {@code db.operation.batch.size},
 * {@code db.response.returned_rows} where the driver gives a count, and on failure
 * {@code error.type} (the SQLSTATE) and {@code db.response.status_code}. The span is a child of
 * whatever span is current (the request's server span, a {@code @Traced} method) and is never made
 * current itself. A slow connection acquisition becomes a {@code DataSource.getConnection} span.
 */
final class DbClientSpanObserver implements DbClientObserver {

    // not in the stable conventions (opentelemetry-semconv) yet: a development attribute, written by its registry name
    static final AttributeKey<Long> DB_RESPONSE_RETURNED_ROWS = AttributeKey.longKey("db.response.returned_rows");

    private final Tracer tracer;
    private final ContextStorage raw;
    private final SpanErrors errors;

    DbClientSpanObserver(Tracer tracer, ContextStorage raw, SpanErrors errors) {
        this.tracer = tracer;
        this.raw = raw;
        this.errors = errors;
    }

    @Override
    public DbClientCall onStart(DbOperation op) {
        Context parent = raw.current();
        if (parent == null) {
            parent = Context.root();
        }
        Span parentSpan = Span.fromContextOrNull(parent);
        if (parentSpan != null && !parentSpan.isRecording() && !parentSpan.getSpanContext().isSampled()
                && parentSpan.getSpanContext().isValid()) {
            return null; // the request is not sampled and nothing of it is kept
        }
        SpanBuilder builder = tracer.spanBuilder(op.spanName()).setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setAttribute(DbAttributes.DB_SYSTEM_NAME, op.system());
        if (op.namespace() != null) {
            builder.setAttribute(DbAttributes.DB_NAMESPACE, op.namespace());
        }
        if (op.operationName() != null) {
            builder.setAttribute(DbAttributes.DB_OPERATION_NAME, op.operationName());
        }
        if (op.collectionName() != null) {
            builder.setAttribute(DbAttributes.DB_COLLECTION_NAME, op.collectionName());
        }
        if (op.queryText() != null && !op.queryText().isEmpty()) {
            builder.setAttribute(DbAttributes.DB_QUERY_TEXT, op.queryText());
        }
        if (op.serverAddress() != null) {
            builder.setAttribute(ServerAttributes.SERVER_ADDRESS, op.serverAddress());
            if (op.serverPort() > 0) {
                builder.setAttribute(ServerAttributes.SERVER_PORT, (long) op.serverPort());
            }
        }
        if (op.batchSize() > 1) {
            builder.setAttribute(DbAttributes.DB_OPERATION_BATCH_SIZE, (long) op.batchSize());
        }
        Span span = builder.startSpan();
        if (!span.isRecording()) {
            return null;
        }
        return (durationNanos, rows, error, safeMessage, slow) -> {
            if (rows >= 0) {
                span.setAttribute(DB_RESPONSE_RETURNED_ROWS, rows);
            }
            if (error != null) {
                String status = DbOperation.statusCode(error);
                if (status != null) {
                    span.setAttribute(DbAttributes.DB_RESPONSE_STATUS_CODE, status);
                }
                errors.failed(span, error, DbOperation.errorType(error), safeMessage);
            }
            span.end();
        };
    }

    @Override
    public void onConnectionAcquire(DataSource dataSource, long startEpochNanos, long durationNanos, Throwable error,
                                    String safeMessage) {
        Context parent = raw.current();
        if (parent == null) {
            return; // outside any request or traced method: not worth a trace of its own
        }
        Span parentSpan = Span.fromContextOrNull(parent);
        if (parentSpan == null || !parentSpan.isRecording()) {
            return;
        }
        Span span = tracer.spanBuilder("DataSource.getConnection").setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                .setAttribute(SemanticAttributes.CODE_NAMESPACE, dataSource.getClass().getName())
                .setAttribute(SemanticAttributes.CODE_FUNCTION, "getConnection")
                .startSpan();
        if (error != null) {
            errors.failed(span, error, DbOperation.errorType(error), safeMessage);
        }
        span.end(startEpochNanos + durationNanos, TimeUnit.NANOSECONDS);
    }
}
