/**
 * The obs console: one page on the admin port ({@code http://localhost:9464/}) that shows live RED
 * per route, recent requests, and for one request its spans, log lines and error event, joined by
 * the request ID, with no backend running. Add {@code obs-console} to the class path; see
 * {@link dev.obs.console.ConsoleModule} for when it is on and how to protect it.
 */
package dev.obs.console;
