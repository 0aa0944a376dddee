package dev.obs.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;

/** The contract on H2 in memory, the database the quickstart uses. */
class H2JdbcObservationTest extends JdbcObservationContract {

    private static final String URL = "jdbc:h2:mem:obsjdbc;DB_CLOSE_DELAY=-1";
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** Called by H2 for {@code CALL SLEEP_MS(n)} (H2 calls only public classes' methods). */
    public static final class Functions {
        private Functions() {
        }

        public static int sleepMillis(int millis) throws InterruptedException {
            Thread.sleep(millis);
            return millis;
        }
    }

    @BeforeEach
    void sleepFunction() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ALIAS IF NOT EXISTS SLEEP_MS FOR '" + Functions.class.getName() + ".sleepMillis'");
        }
    }

    @Override
    String system() {
        return "h2database";
    }

    @Override
    String namespace() {
        return "obsjdbc";
    }

    @Override
    int serverPort() {
        return 0;
    }

    @Override
    HikariDataSource newPool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setUsername("sa");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.setPoolName("h2-" + POOLS.incrementAndGet());
        return new HikariDataSource(config);
    }

    @Override
    DataSource plainDataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(URL);
        ds.setUser("sa");
        return ds;
    }

    @Override
    String sleep(int millis) {
        return "CALL SLEEP_MS(" + millis + ")";
    }

    @Override
    Class<?> driverConnectionType() {
        return org.h2.jdbc.JdbcConnection.class;
    }
}
