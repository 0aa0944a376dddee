package dev.obs.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.obs.logging.ObsJsonEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundStartedEncoderTest {

    @Test
    void theJsonEncoderStartsOffTheCallingThreadAndALineLoggedMeanwhileIsWrittenOnceItIsUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> startedOn = new AtomicReference<>();
        ObsJsonEncoder json = new ObsJsonEncoder() {
            @Override
            public void start() {
                startedOn.set(Thread.currentThread().getName());
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.start();
            }
        };
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        json.setContext(context);
        BackgroundStartedEncoder encoder = new BackgroundStartedEncoder(json);
        encoder.setContext(context);

        encoder.start(); // returns at once, although the delegate's start is held
        assertThat(encoder.headerBytes()).as("the appender asks for the header while it starts").isEmpty();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("com.acme.Orders"), Level.INFO, "service starting", null, null);
        CompletableFuture<byte[]> line = CompletableFuture.supplyAsync(() -> encoder.encode(event));

        Thread.sleep(50);
        assertThat(line).as("waits for the encoder").isNotDone();
        assertThat(startedOn.get()).isEqualTo("obs-log-encoder-start");
        release.countDown();

        String written = new String(line.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertThat(written).startsWith("{").contains("\"message\":\"service starting\"").endsWith("}\n");
        encoder.stop();
        assertThat(json.isStarted()).isFalse();
    }
}
