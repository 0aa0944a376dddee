/**
 * OpenTelemetry traces for obs: the {@link dev.obs.tracing.TracingModule} (started by
 * {@code Observability.install()}), {@link dev.obs.tracing.TracedHttpClient} for outgoing calls
 * and {@link dev.obs.tracing.ObsTracing} for recent spans and the OpenTelemetry instance.
 */
package dev.obs.tracing;
