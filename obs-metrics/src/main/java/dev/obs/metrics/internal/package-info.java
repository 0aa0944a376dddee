/**
 * The implementation of obs-metrics. Not public API: anything here may change in any release.
 */
package dev.obs.metrics.internal;
