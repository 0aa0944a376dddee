/** The installed runtime and its lifecycle. Not public API: may change in any release. */
package dev.obs.internal.runtime;
