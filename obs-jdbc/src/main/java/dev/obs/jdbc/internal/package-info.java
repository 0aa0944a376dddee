/** Not public API: the JDBC proxies, the SQL sanitizer and their settings. May change in any release. */
package dev.obs.jdbc.internal;
