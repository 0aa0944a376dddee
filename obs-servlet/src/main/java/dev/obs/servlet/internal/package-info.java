/** The Servlet filter's implementation. Not public API: it may change in any release. */
package dev.obs.servlet.internal;
