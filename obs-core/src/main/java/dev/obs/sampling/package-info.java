/** The shared sampling policy: one decision per request, followed by every module. */
package dev.obs.sampling;
