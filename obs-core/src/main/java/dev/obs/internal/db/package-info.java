/** Not public API: the registry through which database integrations reach the modules' observers. */
package dev.obs.internal.db;
