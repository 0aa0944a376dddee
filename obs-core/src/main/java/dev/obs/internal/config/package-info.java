/** Core's configuration keys and what is built from them. Not public API: may change in any release. */
package dev.obs.internal.config;
