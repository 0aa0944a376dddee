package dev.obs.metrics.internal;

import dev.obs.redact.Redactor;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Label values pass through the core {@link Redactor} before a meter exists, whoever registers it
 * (obs, the application through Micrometer, a library): a tag under a sensitive key is masked, a
 * secret or personal value inside a tag value is masked, and the series is the redacted one.
 * Micrometer maps each new meter ID once, so the cost is at registration, not per recording.
 */
public final class RedactingTagFilter implements MeterFilter {

    private final Redactor redactor;

    public RedactingTagFilter(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        List<Tag> out = null;
        int i = 0;
        List<Tag> original = id.getTags();
        for (Tag tag : original) {
            String value = tag.getValue();
            String redacted = redactor.redact(tag.getKey(), value);
            if (!redacted.equals(value) && out == null) {
                out = new ArrayList<>(original.subList(0, i));
            }
            if (out != null) {
                out.add(redacted.equals(value) ? tag : Tag.of(tag.getKey(), redacted));
            }
            i++;
        }
        return out == null ? id : id.replaceTags(out);
    }
}
