/**
 * The service measured by the end-to-end overhead run ({@code benchmarks/e2e/run.sh}) and the
 * discarding receiver it exports to. Not public API and not published.
 *
 * <ul>
 *   <li>{@link dev.obs.benchmarks.e2e.BenchmarkService}: {@code /hello}, {@code /work} and
 *       {@code /health} on the JDK's HTTP server, with obs installed or not.</li>
 *   <li>{@link dev.obs.benchmarks.e2e.DiscardingReceiver}: answers OTLP/HTTP and Sentry envelope
 *       posts with 200, counts what arrived and keeps nothing.</li>
 * </ul>
 */
package dev.obs.benchmarks.e2e;
