/**
 * The Jakarta Servlet integration: {@link dev.obs.servlet.ObsServletFilter} observes every request
 * of Jetty, Tomcat, Undertow and the frameworks on them, and {@link dev.obs.servlet.HttpRoute}
 * names a request's route template.
 */
package dev.obs.servlet;
