/** HTTP server observation plumbing. Not public API: may change in any release. */
package dev.obs.internal.http;
