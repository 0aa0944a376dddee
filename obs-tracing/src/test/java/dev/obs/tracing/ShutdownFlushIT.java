package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.tracing.support.ObservedServer;
import dev.obs.tracing.support.OtlpReceiver;
import dev.obs.tracing.support.OtlpReceiver.ReceivedSpan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SIGTERM flushes: the span of the last request served before the signal reaches the backend. */
class ShutdownFlushIT {

    /** The child JVM: installs obs with its shutdown hook, serves, prints its port, waits to be terminated. */
    public static final class Service {
        public static void main(String[] args) throws Exception {
            Observability obs = Observability.install();
            ObservedServer server = new ObservedServer();
            server.route("/orders", exchange -> ObservedServer.respond(exchange, 200, "ok"));
            System.out.println("PORT " + server.uri("/").getPort());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void theSpanOfTheLastRequestArrivesAfterSigterm() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start()) {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path err = Files.createTempFile("child-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath, Service.class.getName()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("OBS_") || key.startsWith("OTEL_"));
            builder.environment().put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
            builder.environment().put("OTEL_SERVICE_NAME", "terminated");
            builder.environment().put("OBS_TRACES_SAMPLE_RATIO", "1");
            builder.environment().put("OBS_ADMIN_PORT", "0");
            builder.environment().put("OBS_SHUTDOWN_TIMEOUT", "5s");
            // Only the shutdown flush can deliver the span in time.
            builder.environment().put("OTEL_BSP_SCHEDULE_DELAY", "10m");
            Process child = builder.start();
            try {
                int port = readPort(child);
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/7")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                Thread.sleep(200); // the span ends just after the response is sent
                assertThat(receiver.spans()).isEmpty();

                child.destroy(); // SIGTERM
                assertThat(child.waitFor(20, TimeUnit.SECONDS)).as("child exits after SIGTERM").isTrue();
                List<ReceivedSpan> spans = receiver.await(s -> s.name().equals("GET /orders"), Duration.ofSeconds(5));
                assertThat(spans).singleElement().satisfies(span -> {
                    assertThat(span.attribute("url.path")).isEqualTo("/orders/7");
                    assertThat(span.resourceAttribute("service.name")).isEqualTo("terminated");
                });
            } finally {
                child.destroyForcibly();
                System.err.print(Files.readString(err, StandardCharsets.UTF_8));
                Files.deleteIfExists(err);
            }
        }
    }

    private static int readPort(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("PORT ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new AssertionError("the child JVM exited before serving");
    }
}
