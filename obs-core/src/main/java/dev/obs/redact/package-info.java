/** The redaction policy every module applies before data leaves the process. */
package dev.obs.redact;
