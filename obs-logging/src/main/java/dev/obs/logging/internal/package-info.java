/**
 * The implementation of obs-logging. Not public API: anything here may change in any release.
 */
package dev.obs.logging.internal;
