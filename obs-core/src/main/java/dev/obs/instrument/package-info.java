/**
 * The run-time entry of method observation: what woven {@code @Traced}/{@code @Timed} methods and
 * instrumented proxies call. Users do not call it directly.
 */
package dev.obs.instrument;
