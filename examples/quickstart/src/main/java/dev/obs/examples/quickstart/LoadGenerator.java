package dev.obs.examples.quickstart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Drives a steady mix of requests so that every dashboard panel has data. */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    /** Sends about {@code perSecond} requests a second to the service at {@code base}, until the JVM exits. */
    public static ScheduledExecutorService startInBackground(URI base, int perSecond) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "quickstart-load");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(() -> sendOne(client, base), 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return scheduler;
    }

    static void sendOne(HttpClient client, URI base) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int pick = random.nextInt(100);
        HttpRequest.Builder request;
        if (pick < 40) {
            request = HttpRequest.newBuilder(base.resolve("/orders?customer=c-" + random.nextInt(50) + "&sku=sku-" + random.nextInt(10)
                    + "&quantity=" + (1 + random.nextInt(3)))).POST(HttpRequest.BodyPublishers.noBody());
        } else if (pick < 80) {
            request = HttpRequest.newBuilder(base.resolve("/orders/" + (1 + random.nextInt(100))));
        } else if (pick < 95) {
            request = HttpRequest.newBuilder(base.resolve("/slow"));
        } else {
            request = HttpRequest.newBuilder(base.resolve("/fail"));
        }
        try {
            client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            // The service may be starting or stopping; load is best effort.
        }
    }
}
