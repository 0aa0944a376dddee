/**
 * Annotations that mark methods for tracing and timing: {@link dev.obs.annotation.Traced} and
 * {@link dev.obs.annotation.Timed}.
 */
package dev.obs.annotation;
