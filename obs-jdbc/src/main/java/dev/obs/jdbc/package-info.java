/**
 * Database observation for JDBC: {@link dev.obs.jdbc.ObsJdbc#wrap(javax.sql.DataSource)}.
 */
package dev.obs.jdbc;
