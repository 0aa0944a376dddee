/**
 * The obs test kit: run a test with obs installed in memory, then assert the logs, metrics, spans
 * and error events the code under test produced, correlated by request ID.
 *
 * <pre>{@code
 * @ObsTest
 * class OrdersTest {
 *     @Test
 *     void rejectsAnEmptyOrder(ObsCapture capture) {
 *         HttpResult response = capture.http("/orders", handler).post("/orders", "{}");
 *
 *         assertThat(capture).request(response.requestId()).loggedAt(Level.WARN).withField("reason", "empty");
 *         assertThat(capture).errors().isEmpty();
 *     }
 * }
 * }</pre>
 *
 * <p>Entry points: {@link dev.obs.test.ObsTest} or {@link dev.obs.test.ObsExtension}, the handle
 * {@link dev.obs.test.ObsCapture}, {@link dev.obs.test.HttpDriver} for HTTP handlers, and
 * {@code assertThat(capture)} ({@link dev.obs.test.ObsCaptureAssert}).
 */
package dev.obs.test;
