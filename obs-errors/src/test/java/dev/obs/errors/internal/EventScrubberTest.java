package dev.obs.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.errors.support.Secrets;
import dev.obs.redact.Redactor;
import dev.obs.testing.RecordingDiagnostics;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventScrubberTest {

    private final RecordingDiagnostics diagnostics = new RecordingDiagnostics();
    private final List<String> warnings = diagnostics.warnings();
    private final EventScrubber scrubber = new EventScrubber(Redactor.defaults(), diagnostics);

    @Test
    @SuppressWarnings("deprecation") // User.name
    void everyTextOfAnEventIsRedacted() {
        SentryEvent event = new SentryEvent();
        Message message = new Message();
        message.setFormatted(Secrets.TEXT);
        message.setParams(List.of(Secrets.EMAIL));
        event.setMessage(message);
        SentryException exception = new SentryException();
        exception.setType("IllegalStateException");
        exception.setValue(Secrets.TEXT);
        event.setExceptions(List.of(exception));
        event.setTag("note", Secrets.TEXT);
        event.setTag("api_token", "plain-looking-value");
        event.setExtra("text", Secrets.TEXT);
        event.setExtra("password", "short");
        event.setExtra("nested", Map.of("list", List.of(Secrets.EMAIL, 42), "secret", 7));
        event.setExtra("count", 3);
        Request request = new Request();
        request.setUrl("/users/" + Secrets.EMAIL);
        request.setQueryString("access_token=" + Secrets.BEARER_TOKEN + "&page=2");
        request.setHeaders(Map.of("Authorization", "Bearer " + Secrets.BEARER_TOKEN, "Accept", "application/json"));
        request.setCookies("SESSION=abc123");
        request.setData(Map.of("card", Secrets.CARD));
        event.setRequest(request);
        User user = new User();
        user.setId("42");
        user.setEmail(Secrets.EMAIL);
        user.setIpAddress("10.1.2.3");
        user.setName("Bob Smith");
        event.setUser(user);
        Breadcrumb crumb = new Breadcrumb(Secrets.TEXT);
        crumb.setData("jwt", Secrets.JWT);
        event.addBreadcrumb(crumb);

        SentryEvent scrubbed = scrubber.scrub(event, new Hint());

        assertThat(scrubbed).isSameAs(event);
        assertThat(scrubbed.getMessage().getFormatted()).contains("password=" + Redactor.MASK).doesNotContain(Secrets.PASSWORD);
        assertThat(scrubbed.getMessage().getParams()).containsExactly(Redactor.MASK);
        assertThat(scrubbed.getExceptions().get(0).getValue()).isEqualTo(scrubbed.getMessage().getFormatted());
        assertThat(scrubbed.getTags()).containsEntry("api_token", Redactor.MASK);
        assertThat(scrubbed.getExtras()).containsEntry("password", Redactor.MASK).containsEntry("count", 3);
        assertThat(scrubbed.getExtras().get("nested")).isEqualTo(Map.of("list", List.of(Redactor.MASK, 42), "secret", Redactor.MASK));
        assertThat(scrubbed.getRequest().getHeaders()).containsEntry("Authorization", Redactor.MASK)
                .containsEntry("Accept", "application/json");
        assertThat(scrubbed.getRequest().getCookies()).isEqualTo(Redactor.MASK);
        assertThat(scrubbed.getRequest().getQueryString()).isEqualTo("access_token=" + Redactor.MASK + "&page=2");
        assertThat(scrubbed.getUser().getId()).isEqualTo("42");
        assertThat(scrubbed.getUser().getEmail()).isNull();
        assertThat(scrubbed.getUser().getIpAddress()).isNull();
        assertThat(scrubbed.getUser().getName()).isNull();
        assertThat(scrubbed.getBreadcrumbs().get(0).getData("jwt")).isEqualTo(Redactor.MASK);

        String everything = String.valueOf(scrubbed.getMessage().getFormatted()) + scrubbed.getExceptions().get(0).getValue()
                + scrubbed.getTags() + scrubbed.getExtras() + scrubbed.getRequest().getUrl() + scrubbed.getRequest().getData()
                + scrubbed.getRequest().getHeaders() + scrubbed.getBreadcrumbs().get(0).getMessage()
                + scrubbed.getBreadcrumbs().get(0).getData();
        for (String secret : Secrets.VALUES) {
            assertThat(everything).doesNotContain(secret);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void breadcrumbsAddedThroughSentryAreRedacted() {
        Breadcrumb crumb = new Breadcrumb("calling with Authorization: Bearer " + Secrets.BEARER_TOKEN);
        crumb.setData("email", Secrets.EMAIL);
        Breadcrumb scrubbed = scrubber.scrub(crumb, new Hint());
        assertThat(scrubbed.getMessage()).doesNotContain(Secrets.BEARER_TOKEN);
        assertThat(scrubbed.getData("email")).isEqualTo(Redactor.MASK);
    }

    @Test
    void anEventThatCannotBeScrubbedIsDroppedNotSent() {
        SentryEvent event = new SentryEvent();
        event.setExtra("bad", new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("toString fails");
            }
        });
        assertThat(scrubber.scrub(event, new Hint())).isNull();
        assertThat(warnings).singleElement().asString().contains("dropped rather than sent unredacted");
    }
}
