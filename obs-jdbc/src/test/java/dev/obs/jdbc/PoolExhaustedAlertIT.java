package dev.obs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.obs.testing.PrometheusServer;
import dev.obs.test.ObsExtension;
import dev.obs.testing.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.yaml.snakeyaml.Yaml;

/**
 * The "DB pool exhausted" alert of {@code docs/alerts/obs-alerts.yml}, evaluated by a real
 * Prometheus that scrapes a service whose HikariCP pool is wrapped by {@code ObsJdbc.wrap} and
 * nothing else: false while the pool has room, true once every connection is busy and a caller waits.
 */
@ResourceLock(ObsExtension.RESOURCE_LOCK)
class PoolExhaustedAlertIT {

    @RegisterExtension
    final ObsExtension obs = ObsExtension.create().withAdminServer().withServiceName("orders");

    @Test
    void theAlertExpressionTurnsTrueWhenThePoolIsExhausted(@TempDir Path work) throws Exception {
        Path prometheus = RequiredTool.executable("/usr/bin/prometheus", "the Debian package prometheus");
        String expr = alertExpression("ObsDatabasePoolExhausted");

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:exhaust;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(120_000);
        config.setPoolName("exhaust");
        ExecutorService callers = Executors.newFixedThreadPool(3);
        CountDownLatch release = new CountDownLatch(1);
        try (HikariDataSource pool = new HikariDataSource(config);
             PrometheusServer server = PrometheusServer.start(prometheus, work, obs.observability().adminPort())) {
            DataSource db = ObsJdbc.wrap(pool);

            awaitQuery(server, "hikaricp_connections_max{pool=\"exhaust\",service=\"orders\"}", body -> body.contains("\"exhaust\""));
            assertThat(server.query(expr)).contains("\"result\":[]");

            CountDownLatch held = new CountDownLatch(2);
            List<Future<?>> holders = List.of(hold(callers, db, held, release), hold(callers, db, held, release));
            assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
            Future<?> waiting = hold(callers, db, new CountDownLatch(1), release); // blocks: pending = 1

            String fired = awaitQuery(server, expr, body -> body.contains("\"pool\":\"exhaust\""));
            assertThat(fired).contains("\"service\":\"orders\"");

            release.countDown();
            for (Future<?> f : holders) {
                f.get(60, TimeUnit.SECONDS);
            }
            waiting.get(60, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
    }

    private static Future<?> hold(ExecutorService callers, DataSource db, CountDownLatch held, CountDownLatch release) {
        return callers.submit(() -> {
            try (Connection c = db.getConnection()) {
                held.countDown();
                release.await(120, TimeUnit.SECONDS);
            }
            return null;
        });
    }

    private static String awaitQuery(PrometheusServer server, String promql, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = server.query(promql);
            if (done.test(body)) {
                return body;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no answer to " + promql + " within 90 s; last: " + body + "\ntargets: " + server.targets());
    }

    @SuppressWarnings("unchecked")
    static String alertExpression(String alert) throws Exception {
        Path rules = docs().resolve("alerts/obs-alerts.yml");
        Map<String, Object> yaml = new Yaml().load(Files.readString(rules));
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (alert.equals(rule.get("alert"))) {
                    return (String) rule.get("expr");
                }
            }
        }
        throw new AssertionError(alert + " is not in " + rules);
    }

    static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/alerts"))) {
                return dir.resolve("docs");
            }
        }
        throw new AssertionError("docs/ not found above " + Path.of("").toAbsolutePath());
    }
}
