/**
 * The machinery of the obs test kit: log capture, the in-memory HTTP exchange and the failure
 * message formats. Not public API: it may change in any release; use {@link dev.obs.test}.
 */
package dev.obs.test.internal;
