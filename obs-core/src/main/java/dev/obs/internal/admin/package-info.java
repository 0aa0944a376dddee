/** The admin HTTP server. Not public API: may change in any release. */
package dev.obs.internal.admin;
