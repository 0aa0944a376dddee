/**
 * The request context ({@link dev.obs.context.RequestContext}), request IDs, W3C trace-parent
 * parsing, and propagation of the context across threads ({@link dev.obs.context.ContextPropagation}).
 */
package dev.obs.context;
