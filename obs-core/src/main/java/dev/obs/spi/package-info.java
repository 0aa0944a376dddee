/**
 * The module SPI: how the pillar modules plug into core. Application code does not need it.
 * Modules meet only here and in the request context; they never import each other.
 */
package dev.obs.spi;
