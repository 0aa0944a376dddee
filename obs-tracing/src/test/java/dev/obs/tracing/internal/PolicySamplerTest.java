package dev.obs.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.sampling.SamplingPolicy;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySamplerTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

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

    @Test
    void newTracesFollowTheRatioDeterministicallyAndTheCap() {
        SamplingPolicy half = new SamplingPolicy(0.5, 0, false, Duration.ZERO);
        String low = "00000000000000000000000000000001";
        String high = "0000000000000000ffffffffffffffff"; // |random part| small: -1
        String big = "00000000000000007fffffffffffffff";
        assertThat(decide(half, Context.root(), low)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
        assertThat(decide(half, Context.root(), big)).isEqualTo(SamplingDecision.DROP);
        assertThat(decide(half, Context.root(), big)).isEqualTo(SamplingDecision.DROP);
        assertThat(decide(half, Context.root(), high)).isEqualTo(half.ratioSays(high)
                ? SamplingDecision.RECORD_AND_SAMPLE : SamplingDecision.DROP);

        SamplingPolicy capped = new SamplingPolicy(1.0, 2, false, Duration.ZERO);
        assertThat(List.of(decide(capped, Context.root(), low), decide(capped, Context.root(), low),
                decide(capped, Context.root(), low)))
                .containsExactly(SamplingDecision.RECORD_AND_SAMPLE, SamplingDecision.RECORD_AND_SAMPLE, SamplingDecision.DROP);
    }
}
