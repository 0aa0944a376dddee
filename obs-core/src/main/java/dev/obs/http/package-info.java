/** HTTP server observation: the server-neutral request view and route templates. */
package dev.obs.http;
