/** The console's implementation. Not public API: it may change in any release. */
package dev.obs.console.internal;
