package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.obs.Observability;
import dev.obs.testing.RequiredTool;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console in a real browser: Debian's headless Chromium driven through the system
 * chromedriver, against a service on the JDK's HTTP server with every obs module on, under load
 * and with the console's memory full. Screenshots of each view go to {@code target/console-*.png};
 * the load time is written to {@code target/console-timing.txt}.
 */
class ConsoleBrowserIT {

    private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserIT.class);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    private static Observability obs;
    private static HttpServer service;
    private static ChromeDriver browser;
    private static ExecutorService load;
    private static final AtomicBoolean loading = new AtomicBoolean(true);
    private static final AtomicLong loadRequests = new AtomicLong();
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Path tempProfile;

    /** Skips on a developer machine without Chromium; fails on CI (CI=true), where .ci/run installs it. */
    static void requireChromium() {
        RequiredTool.executable(CHROMIUM.toString(), "the Debian package chromium (apt-get install chromium)");
        RequiredTool.executable(CHROMEDRIVER.toString(), "the Debian package chromium-driver (apt-get install chromium-driver)");
    }

    @BeforeAll
    static void start() throws Exception {
        requireChromium();
        obs = Observability.builder().serviceName("checkout").set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .set("obs.env", "local").shutdownHook(false).install();
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.setExecutor(Executors.newFixedThreadPool(8));
        service.createContext("/hello", exchange -> respond(exchange, 200, "hello")).getFilters().add(obs.httpServerFilter());
        service.createContext("/checkout", ConsoleBrowserIT::checkout).getFilters().add(obs.httpServerFilter());
        service.start();

        // Fill the console's memory (1000 requests by default), then keep a load running.
        int limit = 1000;
        ExecutorService fill = Executors.newFixedThreadPool(4);
        for (int i = 0; i < limit + 200; i++) {
            int n = i;
            fill.submit(() -> call(n % 5 == 0 ? "/checkout?order=" + n : "/hello", null, null));
        }
        fill.shutdown();
        assertThat(fill.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        load = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            load.submit(() -> {
                int n = 0;
                while (loading.get()) {
                    call(n++ % 4 == 0 ? "/checkout?order=" + n : "/hello", null, null);
                    loadRequests.incrementAndGet();
                }
            });
        }

        tempProfile = Files.createTempDirectory("obs-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000", "--user-data-dir=" + tempProfile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString()); // never let Selenium Manager download one
        ChromeDriverService driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        loading.set(false);
        if (browser != null) {
            browser.quit();
        }
        if (load != null) {
            load.shutdown();
            load.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.stop(0);
        }
        Observability.resetForTesting();
        if (tempProfile != null) {
            try (var files = Files.walk(tempProfile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static void checkout(HttpExchange exchange) throws IOException {
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        obs.trace("Checkout.reserveStock", () -> log.atInfo().addKeyValue("order", query).log("stock reserved"));
        if (query.contains("fail=true")) {
            log.atInfo().addKeyValue("password", "hunter2").addKeyValue("amount_cents", 1299)
                    .log("charging card 4111 1111 1111 1111");
            obs.trace("Checkout.charge", () -> {
                throw new IllegalStateException("card 4111 1111 1111 1111 was declined");
            });
        }
        respond(exchange, 200, "{\"ok\":true}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static HttpResponse<String> call(String path, String requestId, String traceparent) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.getAddress().getPort() + path))
                    .timeout(Duration.ofSeconds(10));
            if (requestId != null) {
                request.header("X-Request-ID", requestId);
            }
            if (traceparent != null) {
                request.header("traceparent", traceparent);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null; // the load tolerates a refused connection at shutdown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String api(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + obs.adminPort() + "/console/api/" + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static boolean apiContains(String path, String... texts) {
        try {
            String body = api(path);
            for (String text : texts) {
                if (!body.contains(text)) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void open(String hash, String view) {
        browser.get("http://127.0.0.1:" + obs.adminPort() + "/" + hash);
        waiting().until(d -> view.equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private static Path screenshot(String name) throws IOException {
        Path target = Path.of("target", "console-" + name + ".png");
        Files.createDirectories(target.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static List<String> severeBrowserLogs() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    @Test
    void loadsAndShowsDataInUnderThreeSecondsWithTheMemoryFullUnderLoad() throws Exception {
        assertThat(api("overview")).contains("\"requests\":1000,\"requestsLimit\":1000").containsPattern("\"evicted\":[1-9]");
        long before = loadRequests.get();

        browser.get("http://127.0.0.1:" + obs.adminPort() + "/");
        waiting().until(d -> "live".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        JavascriptExecutor js = browser;
        waiting().until(d -> ((Number) js.executeScript("return performance.timing.loadEventEnd")).longValue() > 0);
        long loadMillis = ((Number) js.executeScript(
                "const t = performance.timing; return t.loadEventEnd - t.navigationStart")).longValue();
        double dataMillis = ((Number) js.executeScript(
                "return performance.getEntriesByName('obs-console-data')[0].startTime")).doubleValue();
        String report = String.format("console page load (navigationStart to loadEventEnd): %d ms; first data shown: %.0f ms"
                + " after navigationStart; 1000 requests held (memory full), load running%n", loadMillis, dataMillis);
        Files.writeString(Path.of("target", "console-timing.txt"), report);
        System.out.print(report);
        assertThat(dataMillis).as("first data shown, ms after navigation start").isLessThan(3000);
        assertThat(loadMillis).isLessThan(3000);

        assertThat(browser.findElements(By.cssSelector("#red tbody tr"))).extracting(WebElement::getText)
                .anySatisfy(row -> assertThat(row).startsWith("GET /hello"))
                .anySatisfy(row -> assertThat(row).startsWith("GET /checkout"));
        assertThat(browser.findElements(By.cssSelector("#requests tbody tr.link"))).hasSizeGreaterThan(50);
        // it refreshes by itself: the table shows requests sent after the page loaded
        waiting().until(d -> loadRequests.get() > before + 20);
        String firstRow = browser.findElement(By.cssSelector("#requests tbody tr.link")).getText();
        waiting().until(d -> !d.findElement(By.cssSelector("#requests tbody tr.link")).getText().equals(firstRow));
        assertThat(browser.getCurrentUrl()).doesNotContain("request/");
        screenshot("live");
        assertThat(severeBrowserLogs()).isEmpty();
    }

    @Test
    void clickingAFailedRequestShowsItsWaterfallLogLinesAndErrorEventWithTheSameRequestId() throws Exception {
        HttpResponse<String> failed = call("/checkout?order=77&fail=true", "browser-fail-1", null);
        assertThat(failed.statusCode()).isEqualTo(500);
        // not sampled at the default 10 %: the spans are there because keep-errors kept them
        await("the failed request's spans, lines and error", () -> apiContains("request?id=browser-fail-1",
                "Checkout.charge", "charging card", "\"type\":\"java.lang.IllegalStateException\""));

        open("#live", "live");
        new Select(browser.findElement(By.id("f-status"))).selectByValue("5xx");
        waiting().until(d -> {
            d.findElement(By.cssSelector("#requests tbody tr[data-request-id='browser-fail-1']")).click();
            return true;
        });
        waiting().until(d -> "request".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(browser.getCurrentUrl()).endsWith("#request/browser-fail-1");
        // the view may still be filling in this request's parts after it says ready (seen once under load)
        waiting().until(d -> !d.findElement(By.id("r-spans-note")).getText().isBlank());

        assertThat(browser.findElement(By.cssSelector("#r-summary dd[data-field='request ID']")).getText()).isEqualTo("browser-fail-1");
        assertThat(browser.findElement(By.cssSelector("#r-summary dd[data-field='status']")).getText()).isEqualTo("500");
        List<String> spans = browser.findElements(By.cssSelector("#waterfall .wf-row.span")).stream()
                .map(e -> e.getDomAttribute("data-span-name")).toList();
        assertThat(spans).contains("GET /checkout", "Checkout.reserveStock", "Checkout.charge");
        assertThat(browser.findElement(By.id("r-spans-note")).getText()).contains("not sampled", "kept because it failed");
        assertThat(browser.findElements(By.cssSelector("#waterfall .wf-bar.error"))).isNotEmpty();

        List<String> lines = browser.findElements(By.cssSelector("#logs tbody tr.log-line")).stream().map(WebElement::getText).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("stock reserved", "request_id=browser-fail-1"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("charging card", "request_id=browser-fail-1",
                "amount_cents=1299", "password=[REDACTED]"));

        String error = browser.findElement(By.id("r-errors")).getText();
        assertThat(error).contains("java.lang.IllegalStateException", "was declined", "at dev.obs.examples.quickstart.ConsoleBrowserIT");
        String page = browser.getPageSource();
        assertThat(page).doesNotContain("4111 1111 1111 1111").doesNotContain("hunter2");
        String api = api("request?id=browser-fail-1");
        assertThat(api).contains("\"requestId\":\"browser-fail-1\"").doesNotContain("4111 1111").doesNotContain("hunter2");
        Path shot = screenshot("request");
        assertThat(shot).isNotEmptyFile();

        open("#errors", "errors");
        List<WebElement> groups = browser.findElements(By.cssSelector("#errors tbody tr.error-group"));
        assertThat(groups).anySatisfy(row -> assertThat(row.getText()).contains("java.lang.IllegalStateException", "browser-fail-1"));
        screenshot("errors");
        browser.findElement(By.linkText("browser-fail-1")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("#request/browser-fail-1")
                && "browser-fail-1".equals(d.findElement(By.cssSelector("#r-summary dd[data-field='request ID']")).getText()));
        assertThat(severeBrowserLogs()).isEmpty();
    }

    @Test
    void searchByTraceIdFindsTheRequest() throws Exception {
        HttpResponse<String> traced = call("/checkout?order=5", "browser-trace-1", "00-" + TRACE_ID + "-b7ad6b7169203331-01");
        assertThat(traced.statusCode()).isEqualTo(200);
        await("the traced request's spans", () -> apiContains("request?id=" + TRACE_ID, "Checkout.reserveStock"));

        open("#live", "live");
        WebElement search = browser.findElement(By.id("search-input"));
        search.sendKeys(TRACE_ID);
        search.submit();
        waiting().until(d -> d.getCurrentUrl().endsWith("#request/" + TRACE_ID)
                && "browser-trace-1".equals(d.findElement(By.cssSelector("#r-summary dd[data-field='request ID']")).getText()));
        assertThat(browser.findElement(By.cssSelector("#r-summary dd[data-field='trace ID']")).getText()).isEqualTo(TRACE_ID);
        assertThat(browser.findElements(By.cssSelector("#waterfall .wf-row.span"))).isNotEmpty();
        assertThat(browser.findElement(By.id("r-spans-note")).isDisplayed()).isFalse();

        open("#jvm", "jvm");
        assertThat(browser.findElement(By.id("jvm")).getText()).contains("heap used", "threads", "CPU");
        assertThat(browser.findElement(By.id("exports")).getText()).contains("traces (OTLP)", "local only", "errors (Sentry)");
        assertThat(browser.findElement(By.id("obs-metrics")).getText()).contains("obs.spans.dropped");
        screenshot("jvm");
        assertThat(severeBrowserLogs()).isEmpty();
    }
}
