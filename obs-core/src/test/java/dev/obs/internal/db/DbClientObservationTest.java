package dev.obs.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.spi.DbClientCall;
import dev.obs.spi.DbClientObserver;
import dev.obs.spi.DbOperation;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DbClientObservationTest {

    private static final DbOperation SELECT = new DbOperation("postgresql", "orders", "db", 5432, "SELECT", "orders",
            "SELECT * FROM orders WHERE id = ?", 0);

    @AfterEach
    void clear() {
        DbClientObservation.clear();
    }

    @Test
    void spanNamesFollowTheConventions() {
        assertThat(SELECT.spanName()).isEqualTo("SELECT orders");
        assertThat(new DbOperation("h2database", "mem", null, 0, "CALL", null, "CALL x()", 0).spanName()).isEqualTo("CALL mem");
        assertThat(new DbOperation("h2database", null, null, 0, null, null, "", 0).spanName()).isEqualTo("h2database");
        assertThat(DbOperation.errorType(new SQLException("dup", "23505"))).isEqualTo("23505");
        assertThat(DbOperation.errorType(new SQLException("no state"))).isEqualTo("java.sql.SQLException");
        assertThat(DbOperation.statusCode(new IllegalStateException())).isNull();
    }

    @Test
    void everyObserverHearsTheEndAndAFailingOneDoesNotStopTheOthers() {
        List<String> heard = new ArrayList<>();
        DbClientObservation.add(op -> {
            throw new IllegalStateException("broken observer");
        });
        DbClientObservation.add(op -> (nanos, rows, error, safe, slow) -> heard.add(op.spanName() + " " + rows + " " + slow));
        DbClientObservation.add(op -> null); // e.g. an unsampled request
        DbClientObservation.add(op -> (nanos, rows, error, safe, slow) -> {
            throw new IllegalStateException("broken end");
        });
        DbClientObservation.add(op -> (nanos, rows, error, safe, slow) -> heard.add("second " + safe));

        Object handle = DbClientObservation.start(SELECT);
        DbClientObservation.end(handle, 1_000, 3, null, null, true);
        DbClientObservation.end(DbClientObservation.start(SELECT), 1_000, -1, new SQLException("x"), "safe", false);

        assertThat(heard).containsExactly("SELECT orders 3 true", "second null", "SELECT orders -1 false", "second safe");
    }

    @Test
    void withoutObserversAStatementCostsNoCall() {
        assertThat(DbClientObservation.isEmpty()).isTrue();
        assertThat(DbClientObservation.start(SELECT)).isNull();
        DbClientObservation.end(null, 1, 1, null, null, false); // nothing to do, nothing thrown
    }

    @Test
    void aDataSourceWrappedBeforeTheObserverIsAnnouncedToIt() {
        DataSource early = new NoDataSource();
        DbClientObservation.wrapped(early);
        List<DataSource> announced = new ArrayList<>();
        DbClientObservation.add(new DbClientObserver() {
            @Override
            public DbClientCall onStart(DbOperation operation) {
                return null;
            }

            @Override
            public void onDataSourceWrapped(DataSource dataSource) {
                announced.add(dataSource);
            }
        });
        DataSource late = new NoDataSource();
        DbClientObservation.wrapped(late);
        assertThat(announced).containsExactly(early, late);
    }

    private static final class NoDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("none");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLException("none");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
