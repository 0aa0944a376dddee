/**
 * The obs facade: {@link dev.obs.Observability#install()} in {@code main}, then annotations,
 * the HTTP filter and the request context do the rest.
 */
package dev.obs;
