/**
 * Implementation of obs core. Nothing under {@code dev.obs.internal} is public API: it may change
 * in any release without notice.
 */
package dev.obs.internal;
