package dev.obs.examples.quickstart;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real Prometheus server on loopback, scraping one target every second, for integration tests. */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus scraping {@code target} (host:port) as job {@code job}, with {@code ruleFile} loaded if not null. */
    static PrometheusServer start(Path workDir, String job, String target, Path ruleFile) throws Exception {
        Path binary = Tools.require("prometheus");
        int port = freePort();
        String config = "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                + (ruleFile == null ? "" : "rule_files:\n  - " + ruleFile.toAbsolutePath() + "\n")
                + "scrape_configs:\n  - job_name: " + job + "\n    static_configs:\n      - targets: ['" + target + "']\n";
        Path configFile = workDir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--enable-feature=exemplar-storage")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, port);
        server.awaitReady(workDir);
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Path workDir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(workDir.resolve("prometheus.log")));
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready in 30 s: " + Files.readString(workDir.resolve("prometheus.log")));
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON answer of an instant query. */
    String query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
    }

    /** The JSON answer of an exemplar query over the last {@code seconds}. */
    String queryExemplars(String promql, int seconds) throws IOException, InterruptedException {
        long now = System.currentTimeMillis() / 1000;
        return get("/api/v1/query_exemplars?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + (now - seconds) + "&end=" + now).body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
