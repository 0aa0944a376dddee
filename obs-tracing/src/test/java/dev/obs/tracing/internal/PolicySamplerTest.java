package dev.obs.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.sampling.SamplingPolicy;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolicySamplerTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final Random random = new Random(20261205L); // fixed: a failure can be replayed

    private static SamplingDecision decide(SamplingPolicy policy, Context parent, String traceId) {
        return new PolicySampler(policy).shouldSample(parent, traceId, "GET /x", SpanKind.SERVER, Attributes.empty(), List.of())
                .getDecision();
    }

    private static Context remoteParent(boolean sampled) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7",
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault())));
    }

    @Test
    void aParentsDecisionIsHonoured() {
        SamplingPolicy never = new SamplingPolicy(0.0, 0, false, Duration.ZERO);
        SamplingPolicy always = new SamplingPolicy(1.0, 0, false, Duration.ZERO);
        assertThat(decide(never, remoteParent(true), TRACE)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(always, remoteParent(false), TRACE)).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void unsampledSpansAreRecordedOnlyWhenFailedOrSlowRequestsAreKept() {
        SamplingPolicy keepErrors = new SamplingPolicy(0.0, 0, true, Duration.ZERO);
        SamplingPolicy keepSlow = new SamplingPolicy(0.0, 0, false, Duration.ofSeconds(1));
        assertThat(decide(keepErrors, remoteParent(false), TRACE)).isEqualTo(SamplingDecision.RECORD_ONLY);
        assertThat(decide(keepSlow, Context.root(), TRACE)).isEqualTo(SamplingDecision.RECORD_ONLY);
        // a dropped local parent drops its children
        Context droppedLocal = Context.root().with(Span.wrap(SpanContext.create(TRACE, "00f067aa0ba902b7",
                TraceFlags.getDefault(), TraceState.getDefault())));
        assertThat(decide(keepErrors, droppedLocal, TRACE)).isEqualTo(SamplingDecision.DROP);
    }

    /**
     * OpenTelemetry's own sampler for the ratio: the decision every other service of the trace makes.
     * A ratio of 1.0 is everything in obs, as {@code always_on} is ({@code traceIdRatioBased(1.0)}
     * alone drops the two random parts equal to plus or minus {@code Long.MAX_VALUE}).
     */
    private static SamplingDecision openTelemetrys(double ratio, String traceId) {
        Sampler sampler = ratio == 1.0 ? Sampler.alwaysOn() : Sampler.traceIdRatioBased(ratio);
        return sampler.shouldSample(Context.root(), traceId, "GET /x", SpanKind.SERVER,
                Attributes.empty(), List.of()).getDecision();
    }

    @Test
    void newTracesAreSampledAsOpenTelemetrysTraceIdRatioBasedSamplerSamplesThem() {
        for (double ratio : new double[] {0.0, 0.0001, 0.1, 0.25, 0.5, 0.75, 0.9999, 1.0}) {
            SamplingPolicy policy = new SamplingPolicy(ratio, 0, false, Duration.ZERO);
            List<String> traceIds = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                traceIds.add(TraceId.fromLongs(random.nextLong(), random.nextLong()));
            }
            // the random part just below, at and above the sampler's bound, on both signs, and the extremes
            long bound = (long) (ratio * Long.MAX_VALUE);
            for (long low : new long[] {bound - 1, bound, bound + 1, -bound + 1, -bound, -bound - 1, 0, 1, -1,
                    Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
                traceIds.add(TraceId.fromLongs(random.nextLong(), low));
            }
            List<String> disagreements = new ArrayList<>();
            for (String traceId : traceIds) {
                SamplingDecision ours = decide(policy, Context.root(), traceId);
                SamplingDecision theirs = openTelemetrys(ratio, traceId);
                if (ours != theirs) {
                    disagreements.add("ratio " + ratio + ", trace " + traceId + ": " + ours + " but OpenTelemetry " + theirs);
                }
            }
            assertThat(disagreements).isEmpty();
        }
    }

    @Test
    void theSameTraceGetsTheSameDecisionEveryTime() {
        SamplingPolicy half = new SamplingPolicy(0.5, 0, false, Duration.ZERO);
        for (int i = 0; i < 1_000; i++) {
            String traceId = TraceId.fromLongs(random.nextLong(), random.nextLong());
            assertThat(decide(half, Context.root(), traceId)).isEqualTo(decide(half, Context.root(), traceId));
        }
    }

    @Test
    void theCapStopsNewTracesPastItsRate() {
        SamplingPolicy capped = new SamplingPolicy(1.0, 2, false, Duration.ZERO);
        String traceId = TraceId.fromLongs(1, 1);
        assertThat(List.of(decide(capped, Context.root(), traceId), decide(capped, Context.root(), traceId),
                decide(capped, Context.root(), traceId)))
                .containsExactly(SamplingDecision.RECORD_AND_SAMPLE, SamplingDecision.RECORD_AND_SAMPLE, SamplingDecision.DROP);
    }
}
