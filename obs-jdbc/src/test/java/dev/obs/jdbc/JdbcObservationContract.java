package dev.obs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.zaxxer.hikari.HikariDataSource;
import dev.obs.jdbc.support.SentryEnvelopes;
import dev.obs.logging.ObsJsonEncoder;
import dev.obs.test.CapturedLog;
import dev.obs.test.HttpResult;
import dev.obs.test.ObsCapture;
import dev.obs.test.ObsExtension;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.slf4j.LoggerFactory;

/**
 * What a wrapped {@code DataSource} must do on every database: the same tests run on PostgreSQL
 * (a real server) and on H2 in memory, each through a HikariCP pool and through the driver's plain
 * data source.
 */
@ResourceLock(ObsExtension.RESOURCE_LOCK)
abstract class JdbcObservationContract {

    /** Inlined into SQL by the tests; must never leave the process. Not a shape any redaction rule knows. */
    static final String SECRET = "qv7Jlm2Tz";
    static final long SECRET_NUMBER = 918273645L;
    /** A customer's name: an ordinary value that no redaction rule can know is sensitive. */
    static final String CUSTOMER = "Philippa Vanterpool";

    /** Receives the Sentry envelopes obs sends during these tests. */
    static SentryEnvelopes sentry;

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("db.namespace");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
    static final AttributeKey<String> COLLECTION = AttributeKey.stringKey("db.collection.name");
    static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
    static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
    static final AttributeKey<Long> ROWS = AttributeKey.longKey("db.response.returned_rows");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

    @BeforeAll
    static void startSentry() throws IOException {
        sentry = new SentryEnvelopes();
    }

    @AfterAll
    static void stopSentry() {
        sentry.close();
    }

    @RegisterExtension
    final ObsExtension obs = ObsExtension.create()
            .with("sentry.dsn", sentry.dsn())
            .with("obs.jdbc.slow.query", "200ms")
            .with("obs.jdbc.slow.acquire", "100ms");

    HikariDataSource pool;
    DataSource db;

    /** The database's {@code db.system.name}. */
    abstract String system();

    /** The expected {@code db.namespace}. */
    abstract String namespace();

    /** The expected server port, or 0 for an embedded database. */
    abstract int serverPort();

    /** A Hikari pool of at most {@code size} connections to the test database. */
    abstract HikariDataSource newPool(int size);

    /** The driver's own (unpooled) data source. */
    abstract DataSource plainDataSource();

    /** A statement that takes about {@code millis}. */
    abstract String sleep(int millis);

    /** The driver's connection type, for unwrap. */
    abstract Class<?> driverConnectionType();

    @BeforeEach
    void createSchema() throws SQLException {
        pool = newPool(4);
        db = ObsJdbc.wrap(pool);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS accounts");
            s.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL, token VARCHAR(64))");
        }
        obs.capture().clear();
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    private HttpResult inRequest(String route, SqlWork work) {
        return obs.capture().http(route, exchange -> {
            try {
                work.run();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }).get(route);
    }

    interface SqlWork {
        void run() throws SQLException;
    }

    private SpanData serverSpan(String requestId) {
        String traceId = obs.capture().traceIdOfRequest(requestId);
        return obs.capture().spans().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId)).findFirst().orElseThrow();
    }

    private List<SpanData> clientSpans() {
        return obs.capture().spans().stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
    }

    @Test
    void everyStatementIsAClientSpanUnderTheRequestWithSanitizedText() {
        HttpResult result = inRequest("/accounts", () -> {
            try (Connection c = db.getConnection()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO accounts (id, name, token) VALUES (?, ?, ?)")) {
                    s.setLong(1, 1);
                    s.setString(2, "ann");
                    s.setString(3, SECRET);
                    assertThat(s.executeUpdate()).isEqualTo(1);
                }
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT name FROM accounts WHERE token = '" + SECRET + "' AND id <> " + SECRET_NUMBER)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("ann");
                }
            }
        });
        assertThat(result.status()).isEqualTo(204);

        SpanData server = serverSpan(result.requestId());
        SpanData insert = obs.capture().span("INSERT accounts");
        SpanData select = obs.capture().span("SELECT accounts");
        for (SpanData span : List.of(insert, select)) {
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(span.getTraceId()).isEqualTo(server.getTraceId());
            assertThat(span.getAttributes().get(SYSTEM)).isEqualTo(system());
            assertThat(span.getAttributes().get(NAMESPACE)).isEqualTo(namespace());
            assertThat(span.getAttributes().get(COLLECTION)).isEqualTo("accounts");
            if (serverPort() > 0) {
                assertThat(span.getAttributes().get(SERVER_ADDRESS)).isEqualTo("127.0.0.1");
                assertThat(span.getAttributes().get(SERVER_PORT)).isEqualTo(serverPort());
            }
        }
        assertThat(insert.getAttributes().get(OPERATION)).isEqualTo("INSERT");
        assertThat(insert.getAttributes().get(QUERY)).isEqualTo("INSERT INTO accounts (id, name, token) VALUES (?, ?, ?)");
        assertThat(insert.getAttributes().get(ROWS)).isEqualTo(1L);
        assertThat(select.getAttributes().get(OPERATION)).isEqualTo("SELECT");
        assertThat(select.getAttributes().get(QUERY)).isEqualTo("SELECT name FROM accounts WHERE token = ? AND id <> ?");

        Timer timer = obs.capture().meters().find("db.client.operation.duration")
                .tags("db.system.name", system(), "db.operation.name", "SELECT", "db.collection.name", "accounts", "error.type", "")
                .timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
        String openMetrics = ((PrometheusMeterRegistry) obs.capture().meters())
                .scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(openMetrics).containsPattern("db_client_operation_duration_seconds_bucket\\{[^}]*db_operation_name=\"SELECT\"[^}]*\\}"
                + " 1 # \\{span_id=\"[0-9a-f]{16}\",trace_id=\"" + server.getTraceId() + "\"\\}");
        assertNoSecretAnywhere();
    }

    @Test
    void statementsInATracedMethodAreItsChildren() throws SQLException {
        obs.observability().trace("AccountService.rename", () -> {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE accounts SET name = ? WHERE id = ?")) {
                s.setString(1, "bob");
                s.setLong(2, 7);
                return s.executeUpdate();
            }
        });
        SpanData traced = obs.capture().span("AccountService.rename");
        SpanData update = obs.capture().span("UPDATE accounts");
        assertThat(update.getParentSpanId()).isEqualTo(traced.getSpanId());
        assertThat(update.getTraceId()).isEqualTo(traced.getTraceId());
        assertThat(update.getAttributes().get(ROWS)).isEqualTo(0L);
    }

    @Test
    void batchesOfPreparedAndPlainStatementsAreOneSpanEach() {
        inRequest("/batch", () -> {
            try (Connection c = db.getConnection()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO accounts (id, name) VALUES (?, ?)")) {
                    for (int i = 1; i <= 3; i++) {
                        s.setLong(1, i);
                        s.setString(2, "n" + i);
                        s.addBatch();
                    }
                    assertThat(s.executeBatch()).containsExactly(1, 1, 1);
                }
                try (Statement s = c.createStatement()) {
                    s.addBatch("INSERT INTO accounts (id, name) VALUES (10, '" + SECRET + "')");
                    s.addBatch("INSERT INTO accounts (id, name) VALUES (11, 'x')");
                    s.executeBatch();
                }
            }
        });
        List<SpanData> batches = obs.capture().spans("BATCH INSERT accounts");
        assertThat(batches).hasSize(2);
        SpanData prepared = batches.get(0);
        assertThat(prepared.getAttributes().get(BATCH_SIZE)).isEqualTo(3L);
        assertThat(prepared.getAttributes().get(OPERATION)).isEqualTo("BATCH INSERT");
        assertThat(prepared.getAttributes().get(QUERY)).isEqualTo("INSERT INTO accounts (id, name) VALUES (?, ?)");
        assertThat(prepared.getAttributes().get(ROWS)).isEqualTo(3L);
        SpanData plain = batches.get(1);
        assertThat(plain.getAttributes().get(BATCH_SIZE)).isEqualTo(2L);
        assertThat(plain.getAttributes().get(QUERY)).isEqualTo("INSERT INTO accounts (id, name) VALUES (?, ?)");
        assertNoSecretAnywhere();
    }

    @Test
    void aConstraintViolationIsTheSpansErrorTypeOnceAndNotAnErrorEventWhenCaught() {
        HttpResult result = inRequest("/dup", () -> {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO accounts (id, name) VALUES (" + SECRET_NUMBER + ", 'a')");
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO accounts (id, name) VALUES (" + SECRET_NUMBER + ", '" + SECRET + "')"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
            }
        });
        assertThat(result.status()).isEqualTo(204);
        List<SpanData> inserts = obs.capture().spans("INSERT accounts");
        assertThat(inserts).hasSize(2);
        SpanData failed = inserts.get(1);
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getAttributes().get(ERROR_TYPE)).isEqualTo("23505");
        assertThat(failed.getAttributes().get(STATUS_CODE)).isEqualTo("23505");
        assertThat(failed.getEvents()).filteredOn(e -> e.getName().equals("exception")).hasSize(1);
        assertThat(serverSpan(result.requestId()).getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        Timer failures = obs.capture().meters().find("db.client.operation.duration").tags("error.type", "23505").timer();
        assertThat(failures).isNotNull();
        assertThat(failures.count()).isEqualTo(1);
        assertThat(obs.capture().errors()).isEmpty(); // handled inside the request: nothing for Sentry
        assertNoSecretAnywhere();
    }

    @Test
    void aFailureThatEscapesTheRequestIsOneErrorEvent() {
        HttpResult result = inRequest("/boom", () -> {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.executeQuery("SELECT nothing FROM no_such_table");
            }
        });
        assertThat(result.status()).isEqualTo(500);
        assertThat(obs.capture().errors()).hasSize(1);
        SpanData select = obs.capture().span("SELECT no_such_table");
        assertThat(select.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(select.getEvents()).filteredOn(e -> e.getName().equals("exception")).hasSize(1);
        // the exception is recorded once, on the innermost span; the server span only gets status and type
        assertThat(serverSpan(result.requestId()).getEvents()).filteredOn(e -> e.getName().equals("exception")).isEmpty();
    }

    @Test
    void aDriversMessageQuotingValuesLeavesTheProcessNowhereWhenTheFailureEscapesAndIsLogged() throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS customers");
            s.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE)");
            s.execute("INSERT INTO customers (id, name) VALUES (1, '" + CUSTOMER + "')");
        }
        sentry.clear();
        // what obs writes to stdout: the same encoder, on the root logger, for this test
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ObsJsonEncoder encoder = new ObsJsonEncoder();
        encoder.setContext(logback);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(logback);
        appender.setEncoder(encoder);
        appender.setOutputStream(stdout);
        appender.start();
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        SQLException[] thrown = new SQLException[1];
        HttpResult result;
        try {
            result = inRequest("/customers", () -> {
                try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO customers (id, name) VALUES (2, '" + CUSTOMER + "')");
                } catch (SQLException e) {
                    thrown[0] = e;
                    LoggerFactory.getLogger("app.CustomerService").error("could not add the customer", e);
                    throw e; // escapes the request (wrapped by inRequest)
                }
            });
        } finally {
            root.detachAppender(appender);
            appender.stop();
        }
        assertThat(result.status()).isEqualTo(500);
        // the application got the driver's exception as it was, values and all
        assertThat(thrown[0].getSQLState()).isEqualTo("23505");
        assertThat(thrown[0].getMessage()).contains(CUSTOMER);

        String lines = stdout.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("could not add the customer").contains("\"stack_trace\"")
                .contains(thrown[0].getClass().getName()).doesNotContain(CUSTOMER);
        assertThat(obs.capture().errors()).isNotEmpty();
        for (dev.obs.errors.CapturedError error : obs.capture().errors()) {
            assertThat(error.eventId()).isNotNull();
            sentry.awaitBody(b -> b.contains(error.eventId()), 30_000);
        }
        List<String> envelopes = sentry.bodies();
        for (dev.obs.errors.CapturedError error : obs.capture().errors()) {
            assertThat(envelopes).anySatisfy(b -> assertThat(b).contains(error.eventId()));
        }
        // the event names the driver's exception and keeps the safe part of its message
        assertThat(envelopes).anySatisfy(b -> assertThat(b).contains(thrown[0].getClass().getSimpleName()).containsIgnoringCase("unique"));
        assertThat(envelopes).allSatisfy(b -> assertThat(b).doesNotContain(CUSTOMER));
        assertThat(obs.capture().errors().toString()).doesNotContain(CUSTOMER);
        SpanData insert = obs.capture().span("INSERT customers");
        assertThat(insert.getAttributes().get(ERROR_TYPE)).isEqualTo("23505");
        for (SpanData span : obs.capture().spans()) {
            assertThat(span.toString()).doesNotContain(CUSTOMER);
        }
        for (CapturedLog line : obs.capture().logs()) {
            assertThat(line.message() + line.keyValues() + line.mdc()).doesNotContain(CUSTOMER);
        }
        assertNoSecretAnywhere();
    }

    @Test
    void aSlowQueryIsAWarnLineWithTheRequestsIdsAndNoValue() {
        HttpResult result = inRequest("/slow", () -> {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute(sleep(300));
                s.executeQuery("SELECT id FROM accounts WHERE name = '" + SECRET + "'").close(); // fast: no line
            }
        });
        assertThat(result.status()).isEqualTo(204);
        List<CapturedLog> slow = obs.capture().logs().stream().filter(l -> l.logger().equals("dev.obs.jdbc")).toList();
        assertThat(slow).hasSize(1);
        CapturedLog line = slow.get(0);
        assertThat(line.level().toString()).isEqualTo("WARN");
        assertThat(line.requestId()).isEqualTo(result.requestId());
        assertThat(line.traceId()).isEqualTo(serverSpan(result.requestId()).getTraceId());
        assertThat(((Number) line.field("duration_ms")).longValue()).isGreaterThanOrEqualTo(290);
        assertThat((String) line.field("db.query.text")).doesNotContainPattern("\\d\\d");
        assertNoSecretAnywhere();
    }

    @Test
    void aSlowConnectionAcquisitionIsASpanInTheRequest() throws Exception {
        HikariDataSource single = newPool(1);
        DataSource small = ObsJdbc.wrap(single);
        CountDownLatch held = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<?> hold = holder.submit(() -> {
                try (Connection c = single.getConnection()) {
                    held.countDown();
                    Thread.sleep(400);
                }
                return null;
            });
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            HttpResult result = inRequest("/wait", () -> {
                try (Connection c = small.getConnection(); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                }
            });
            hold.get(30, TimeUnit.SECONDS);
            SpanData acquire = obs.capture().span("DataSource.getConnection");
            assertThat(acquire.getParentSpanId()).isEqualTo(serverSpan(result.requestId()).getSpanId());
            assertThat(acquire.getEndEpochNanos() - acquire.getStartEpochNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        } finally {
            holder.shutdownNow();
            single.close();
        }
    }

    @Test
    void thePoolsOwnMetricsAreBound() {
        assertThat(obs.capture().meters().find("hikaricp.connections.max").tag("pool", pool.getPoolName()).gauge())
                .isNotNull()
                .satisfies(g -> assertThat(g.value()).isEqualTo(4.0));
        assertThat(obs.capture().meters().find("hikaricp.connections.acquire").tag("pool", pool.getPoolName()).timer()).isNotNull();
        assertThat(obs.capture().meters().find("hikaricp.connections.pending").gauge()).isNotNull();
    }

    @Test
    void everythingElseIsTheDriversOwn() throws SQLException {
        assertThat(db.unwrap(HikariDataSource.class)).isSameAs(pool);
        assertThat(db.isWrapperFor(HikariDataSource.class)).isTrue();
        assertThat(db.isWrapperFor(Map.class)).isFalse();
        try (Connection c = db.getConnection()) {
            assertThat(c.isWrapperFor(driverConnectionType())).isTrue();
            assertThat(c.unwrap(driverConnectionType())).isInstanceOf(driverConnectionType());
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM accounts WHERE id = ?")) {
                assertThat(s.getConnection()).isSameAs(c);
                assertThat(s.unwrap(PreparedStatement.class)).isSameAs(s);
                assertThat(s.isWrapperFor(PreparedStatement.class)).isTrue();
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO accounts (id, name) VALUES (99, 'tx')");
            }
            c.rollback();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM accounts WHERE id = 99")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            assertThat(c).isEqualTo(c).isNotEqualTo(db.getConnection().unwrap(Connection.class));
        }
        DataSource plain = ObsJdbc.wrap(plainDataSource());
        assertThat(ObsJdbc.wrap(plain)).isSameAs(plain);
        try (Connection c = plain.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM accounts")) {
            assertThat(rs.next()).isTrue();
        }
        assertThat(obs.capture().spans("SELECT accounts")).isNotEmpty();
    }

    @Test
    void noContextLeaksAcrossPooledConnectionsUnderConcurrency() throws Exception {
        HikariDataSource two = newPool(2);
        DataSource shared = ObsJdbc.wrap(two);
        int threads = 6;
        int requestsEach = 10;
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        AtomicLong ids = new AtomicLong(1000);
        try {
            for (int t = 0; t < threads; t++) {
                futures.add(workers.submit(() -> {
                    List<String> requestIds = new ArrayList<>();
                    for (int i = 0; i < requestsEach; i++) {
                        long id = ids.incrementAndGet();
                        HttpResult r = inRequest("/concurrent", () -> {
                            try (Connection c = shared.getConnection()) {
                                try (PreparedStatement s = c.prepareStatement("INSERT INTO accounts (id, name) VALUES (?, ?)")) {
                                    s.setLong(1, id);
                                    s.setString(2, "c");
                                    s.executeUpdate();
                                }
                                try (PreparedStatement s = c.prepareStatement("SELECT name FROM accounts WHERE id = ?")) {
                                    s.setLong(1, id);
                                    s.executeQuery().close();
                                }
                            }
                        });
                        assertThat(r.status()).isEqualTo(204);
                        requestIds.add(r.requestId());
                    }
                    return requestIds;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            // outside any request, on a thread that served requests: a trace of its own
            workers.submit(() -> {
                try (Connection c = shared.getConnection(); Statement s = c.createStatement()) {
                    s.executeQuery("SELECT COUNT(*) FROM accounts").close();
                }
                return null;
            }).get(60, TimeUnit.SECONDS);

            List<SpanData> spans = obs.capture().spans();
            for (String requestId : all) {
                SpanData server = serverSpan(requestId);
                List<SpanData> children = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT
                        && s.getParentSpanId().equals(server.getSpanId())).toList();
                assertThat(children).extracting(SpanData::getName).containsExactly("INSERT accounts", "SELECT accounts");
                assertThat(children).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(server.getTraceId()));
            }
            assertThat(clientSpans()).hasSize(threads * requestsEach * 2 + 1);
            List<SpanData> roots = clientSpans().stream().filter(s -> !s.getParentSpanContext().isValid()).toList();
            assertThat(roots).extracting(SpanData::getName).containsExactly("SELECT accounts");
        } finally {
            workers.shutdownNow();
            two.close();
        }
    }

    /** The secret inlined in SQL appears in no span, log line, error event or metric. */
    void assertNoSecretAnywhere() {
        ObsCapture capture = obs.capture();
        for (SpanData span : capture.spans()) {
            assertThat(span.toString()).doesNotContain(SECRET).doesNotContain(Long.toString(SECRET_NUMBER));
        }
        for (CapturedLog line : capture.logs()) {
            // the line as written; line.throwable() is the application's own exception object, unchanged
            assertThat(line.message() + line.keyValues() + line.mdc())
                    .doesNotContain(SECRET).doesNotContain(Long.toString(SECRET_NUMBER));
        }
        assertThat(capture.errors().toString()).doesNotContain(SECRET).doesNotContain(Long.toString(SECRET_NUMBER));
        String scrape = ((PrometheusMeterRegistry) capture.meters()).scrape();
        assertThat(scrape).doesNotContain(SECRET).doesNotContain(Long.toString(SECRET_NUMBER));
        assertThat(scrape).contains("db_client_operation_duration_seconds");
    }
}
