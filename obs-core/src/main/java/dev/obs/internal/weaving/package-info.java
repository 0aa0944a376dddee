/**
 * What build-time weaving and the run time agree on: how a woven class is marked, and the check at
 * install that names annotated classes nobody wove. Not public API: may change in any release.
 */
package dev.obs.internal.weaving;
