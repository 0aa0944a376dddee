package dev.obs.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.obs.jdbc.support.PostgresCluster;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/** The contract on a real PostgreSQL server, started for this class in a temporary directory. */
class PostgresJdbcObservationIT extends JdbcObservationContract {

    private static final AtomicInteger POOLS = new AtomicInteger();
    static PostgresCluster cluster;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = PostgresCluster.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    String system() {
        return "postgresql";
    }

    @Override
    String namespace() {
        return "postgres";
    }

    @Override
    int serverPort() {
        return cluster.port();
    }

    @Override
    HikariDataSource newPool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(cluster.jdbcUrl());
        config.setUsername(cluster.user());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.setPoolName("pg-" + POOLS.incrementAndGet());
        return new HikariDataSource(config);
    }

    @Override
    DataSource plainDataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(cluster.jdbcUrl());
        ds.setUser(cluster.user());
        return ds;
    }

    @Override
    String sleep(int millis) {
        return "SELECT pg_sleep(" + (millis / 1000.0) + ")";
    }

    @Override
    Class<?> driverConnectionType() {
        return PGConnection.class;
    }
}
