/**
 * Prometheus metrics for obs, through Micrometer. Micrometer is the metrics API: get the registry
 * from {@link dev.obs.metrics.ObsMetrics#registry()} or use Micrometer's global
 * {@link io.micrometer.core.instrument.Metrics} registry; obs serves both on {@code /metrics}.
 */
package dev.obs.metrics;
