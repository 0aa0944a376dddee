package dev.obs.benchmarks.jdbc;

import dev.obs.Observability;
import dev.obs.jdbc.ObsJdbc;
import dev.obs.tracing.ObsTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Budget: one JDBC statement through {@code ObsJdbc.wrap} costs ≤ 1 µs over the bare driver call
 * with the request unsampled, ≤ 2 µs sampled (export excluded), every module on.
 *
 * <p>The driver is H2 in memory, so the bare call is as cheap as a JDBC call gets and the
 * difference is the wrapper's: proxies, sanitized-operation lookup, the span, the histogram sample
 * and the slow-query check. Each operation is one small request (a root span made current, the
 * statement, the root ended), as a statement runs inside a request in a service; the wrapper's cost
 * is {@code wrapped* - bare*} in the same mode.
 *
 * <ul>
 *   <li>{@code *ExecuteQuery}: a prepared statement kept open, executed and its one row read.</li>
 *   <li>{@code *PrepareExecute}: prepare, execute, read, close on an open connection: the usual
 *       shape of repository code, and what the wrapper adds per statement in practice.</li>
 * </ul>
 */
@org.openjdk.jmh.annotations.State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JdbcBenchmark {

    static final String SQL = "SELECT v FROM kv WHERE id = ?";

    @Param({"unsampled", "sampled"})
    public String mode;

    private Tracer tracer;
    private Connection bareConnection;
    private Connection wrappedConnection;
    private PreparedStatement bareStatement;
    private PreparedStatement wrappedStatement;

    @Setup
    public void setUp() throws SQLException {
        Observability.Builder builder = Observability.builder().set("obs.admin.enabled", "false")
                .set("obs.service.name", "bench").set("obs.log.level", "warn").set("obs.traces.max.per.second", "0")
                .set("obs.metrics.jvm.enabled", "false").shutdownHook(false);
        if (mode.equals("unsampled")) {
            builder.set("obs.traces.sample.ratio", "0").set("obs.traces.keep.errors", "false").set("obs.traces.keep.slower.than", "0");
        } else {
            builder.set("obs.traces.sample.ratio", "1.0");
        }
        builder.install();
        tracer = ObsTracing.openTelemetry().getTracer("bench");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        DataSource wrapped = ObsJdbc.wrap(h2);
        bareConnection = h2.getConnection();
        try (Statement s = bareConnection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS kv (id INT PRIMARY KEY, v VARCHAR(32))");
            s.execute("MERGE INTO kv KEY (id) VALUES (1, 'one')");
        }
        wrappedConnection = wrapped.getConnection();
        bareStatement = bareConnection.prepareStatement(SQL);
        wrappedStatement = wrappedConnection.prepareStatement(SQL);
    }

    @TearDown
    public void tearDown() throws SQLException {
        bareStatement.close();
        wrappedStatement.close();
        bareConnection.close();
        wrappedConnection.close();
        Observability.resetForTesting();
    }

    private static String query(PreparedStatement s) throws SQLException {
        s.setInt(1, 1);
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String prepareAndQuery(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SQL)) {
            return query(s);
        }
    }

    @Benchmark
    public String bareExecuteQuery() throws SQLException {
        Span root = tracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = root.makeCurrent()) {
            return query(bareStatement);
        } finally {
            root.end();
        }
    }

    @Benchmark
    public String wrappedExecuteQuery() throws SQLException {
        Span root = tracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = root.makeCurrent()) {
            return query(wrappedStatement);
        } finally {
            root.end();
        }
    }

    @Benchmark
    public String barePrepareExecute() throws SQLException {
        Span root = tracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = root.makeCurrent()) {
            return prepareAndQuery(bareConnection);
        } finally {
            root.end();
        }
    }

    @Benchmark
    public String wrappedPrepareExecute() throws SQLException {
        Span root = tracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = root.makeCurrent()) {
            return prepareAndQuery(wrappedConnection);
        } finally {
            root.end();
        }
    }
}
