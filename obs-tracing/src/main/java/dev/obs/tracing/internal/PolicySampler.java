package dev.obs.tracing.internal;

import dev.obs.sampling.SamplingPolicy;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Core's {@link SamplingPolicy} as an OpenTelemetry sampler, so that the span's sampled flag and
 * {@code RequestContext.sampled()} are one decision:
 *
 * <ul>
 *   <li>a sampled parent means sampled;</li>
 *   <li>a new trace is sampled by {@link SamplingPolicy#sampleRoot} (ratio on the trace ID, then
 *       the per-second cap) when it is a request, by {@link SamplingPolicy#sampleBackgroundRoot}
 *       (the same with a budget of its own) otherwise;</li>
 *   <li>what is not sampled is still recorded (not exported) when the policy keeps failed or slow
 *       requests, so that {@link KeepSegmentProcessor} can export the segment if the request fails
 *       or is slow; otherwise it is dropped and costs next to nothing.</li>
 * </ul>
 */
final class PolicySampler implements Sampler {

    private final SamplingPolicy policy;
    private final SamplingResult unsampled;

    PolicySampler(SamplingPolicy policy) {
        this.policy = policy;
        this.unsampled = policy.keepsAnyUnsampled() ? SamplingResult.recordOnly() : SamplingResult.drop();
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        Span parentSpan = Span.fromContext(parentContext);
        SpanContext parent = parentSpan.getSpanContext();
        if (parent.isValid()) {
            if (policy.sampleChild(parent.isSampled())) {
                return SamplingResult.recordAndSample();
            }
            // A local parent that is not recording was dropped: so are its children. A remote
            // unsampled parent starts a local segment that may still be kept.
            if (!parent.isRemote() && !parentSpan.isRecording()) {
                return SamplingResult.drop();
            }
            return unsampled;
        }
        // A new trace: a request (server or consumer span) draws on the requests' per-second budget;
        // work outside any request (a scheduled @Traced method, a client call) on a budget of its own.
        boolean sampled = spanKind == SpanKind.SERVER || spanKind == SpanKind.CONSUMER
                ? policy.sampleRoot(traceId) : policy.sampleBackgroundRoot(traceId);
        return sampled ? SamplingResult.recordAndSample() : unsampled;
    }

    @Override
    public String getDescription() {
        return "ObsPolicySampler{" + policy + "}";
    }

    @Override
    public String toString() {
        return getDescription();
    }
}
