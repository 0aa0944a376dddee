/** The weaver behind the goals. Not public API: may change in any release. */
package dev.obs.maven.internal;
