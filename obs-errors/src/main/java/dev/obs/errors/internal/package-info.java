/**
 * The implementation of the errors module: capture points, deduplication, the Sentry client set-up
 * and scrubbing. Not public API: it may change in any release. Use {@link dev.obs.errors.ObsErrors}.
 */
package dev.obs.errors.internal;
