/**
 * Structured JSON logs through SLF4J, Logback and logstash-logback-encoder, carrying the request
 * context, redacted, never blocking.
 *
 * <p>Add {@code obs-logging} to the class path and call {@code Observability.install()}: when the
 * application ships no Logback configuration of its own, every log line on stdout becomes one JSON
 * object with {@code @timestamp}, {@code level}, {@code logger}, {@code thread}, {@code message},
 * {@code service}, {@code env}, {@code version}, {@code request_id}, {@code trace_id},
 * {@code span_id}, the call's key-value pairs and a {@code stack_trace}. An application that ships
 * its own {@code logback.xml} keeps it and names the classes of this package to get the same lines:
 *
 * <pre>{@code
 * <configuration>
 *   <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
 *     <encoder class="dev.obs.logging.ObsJsonEncoder"/>
 *   </appender>
 *   <appender name="ASYNC" class="dev.obs.logging.ObsAsyncAppender">
 *     <appender-ref ref="CONSOLE"/>
 *   </appender>
 *   <root level="INFO"><appender-ref ref="ASYNC"/></root>
 * </configuration>
 * }</pre>
 */
package dev.obs.logging;
