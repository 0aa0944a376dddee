/**
 * Configuration: declared {@link dev.obs.config.ConfigKey keys}, layered sources and typed getters
 * that fail with a {@link dev.obs.config.ConfigException} naming the key, value and what is allowed.
 */
package dev.obs.config;
