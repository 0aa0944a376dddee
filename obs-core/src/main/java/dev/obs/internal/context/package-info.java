/** Context storage and listener dispatch. Not public API: may change in any release. */
package dev.obs.internal.context;
