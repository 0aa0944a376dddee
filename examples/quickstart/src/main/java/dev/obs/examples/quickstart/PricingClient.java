package dev.obs.examples.quickstart;

import dev.obs.annotation.Traced;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks the pricing endpoint for a price. It is served by this same process, which is enough to
 * show a trace and a request ID crossing an HTTP hop.
 */
public class PricingClient {

    private final HttpClient client;
    private final URI pricingEndpoint;

    public PricingClient(HttpClient client, URI pricingEndpoint) {
        this.client = client;
        this.pricingEndpoint = pricingEndpoint;
    }

    @Traced
    public long priceCents(String sku, int quantity) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(pricingEndpoint.resolve("/pricing?sku=" + sku + "&quantity=" + quantity))
                .timeout(Duration.ofSeconds(2))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("pricing answered " + response.statusCode());
        }
        return Long.parseLong(response.body().trim());
    }
}
