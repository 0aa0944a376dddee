/** The tracing module's implementation. Not public API: may change in any release. */
package dev.obs.tracing.internal;
