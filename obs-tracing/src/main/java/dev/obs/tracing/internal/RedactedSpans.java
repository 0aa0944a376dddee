package dev.obs.tracing.internal;

import dev.obs.redact.Redactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one redaction step in front of every span sink (the OTLP exporter, the in-memory ring that
 * {@code ObsTracing.recentSpans()} and the test kit read): every string of a finished span — its
 * name, attributes, event names and attributes, link attributes, status description and resource
 * attributes — passes through the core {@link Redactor}, whoever set it (obs, or the application
 * and its libraries through the OpenTelemetry API). Span and trace IDs are not strings of the span
 * and are never touched; {@code obs.request_id} is left as it is when it is an ID.
 *
 * <p>It runs where spans leave, on the exporter's thread, not on the thread that ends the span.
 */
final class RedactedSpans {

    private final Redactor redactor;
    private final int maxNameLength;
    private volatile Resource[] lastResource = {null, null}; // resources repeat: {as set, redacted}

    RedactedSpans(Redactor redactor, int maxNameLength) {
        this.redactor = redactor;
        this.maxNameLength = maxNameLength;
    }

    Collection<SpanData> redact(Collection<SpanData> spans) {
        List<SpanData> out = new ArrayList<>(spans.size());
        for (SpanData span : spans) {
            out.add(redact(span));
        }
        return out;
    }

    SpanData redact(SpanData span) {
        String name = span.getName();
        String redactedName = redactor.redact(name);
        if (redactedName.length() > maxNameLength) {
            redactedName = redactedName.substring(0, maxNameLength);
        }
        Attributes attributes = redact(span.getAttributes());
        List<EventData> events = redactEvents(span.getEvents());
        List<LinkData> links = redactLinks(span.getLinks());
        StatusData status = span.getStatus();
        String description = status.getDescription();
        String redactedDescription = redactor.redact(description);
        StatusData redactedStatus = redactedDescription == description ? status
                : StatusData.create(status.getStatusCode(), redactedDescription);
        Resource resource = redact(span.getResource());
        if (redactedName == name && attributes == span.getAttributes() && events == span.getEvents()
                && links == span.getLinks() && redactedStatus == status && resource == span.getResource()) {
            return span;
        }
        return new Redacted(span, redactedName, attributes, events, links, redactedStatus, resource);
    }

    private Resource redact(Resource resource) {
        Resource[] last = lastResource;
        if (resource == last[0]) {
            return last[1];
        }
        Attributes attributes = redact(resource.getAttributes());
        Resource redacted = attributes == resource.getAttributes() ? resource
                : Resource.create(attributes, resource.getSchemaUrl());
        lastResource = new Resource[] {resource, redacted};
        return redacted;
    }

    /** The same instance when nothing changes. */
    Attributes redact(Attributes attributes) {
        if (attributes.isEmpty()) {
            return attributes;
        }
        AttributesBuilder[] builder = {null};
        attributes.forEach((key, value) -> {
            Object redacted = redactValue(key, value);
            if (redacted != value && builder[0] == null) {
                builder[0] = attributes.toBuilder();
            }
            if (builder[0] != null && redacted != value) {
                put(builder[0], key, redacted);
            }
        });
        return builder[0] == null ? attributes : builder[0].build();
    }

    private Object redactValue(AttributeKey<?> key, Object value) {
        if (key.getType() == AttributeType.STRING) {
            return redactor.redact(key.getKey(), (String) value);
        }
        if (key.getType() == AttributeType.STRING_ARRAY) {
            List<?> values = (List<?>) value;
            List<String> out = null;
            for (int i = 0; i < values.size(); i++) {
                String v = (String) values.get(i);
                String r = redactor.redact(key.getKey(), v);
                if (r != v && out == null) {
                    out = new ArrayList<>(values.size());
                    for (int j = 0; j < i; j++) {
                        out.add((String) values.get(j));
                    }
                }
                if (out != null) {
                    out.add(r);
                }
            }
            return out == null ? value : out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static void put(AttributesBuilder builder, AttributeKey<?> key, Object value) {
        if (key.getType() == AttributeType.STRING) {
            builder.put((AttributeKey<String>) key, (String) value);
        } else {
            builder.put((AttributeKey<List<String>>) key, (List<String>) value);
        }
    }

    private List<EventData> redactEvents(List<EventData> events) {
        if (events.isEmpty()) {
            return events;
        }
        List<EventData> out = null;
        for (int i = 0; i < events.size(); i++) {
            EventData event = events.get(i);
            String name = redactor.redact(event.getName());
            Attributes attributes = redact(event.getAttributes());
            EventData redacted = name == event.getName() && attributes == event.getAttributes() ? event
                    : EventData.create(event.getEpochNanos(), name, attributes, event.getTotalAttributeCount());
            if (redacted != event && out == null) {
                out = new ArrayList<>(events.subList(0, i));
            }
            if (out != null) {
                out.add(redacted);
            }
        }
        return out == null ? events : out;
    }

    private List<LinkData> redactLinks(List<LinkData> links) {
        if (links.isEmpty()) {
            return links;
        }
        List<LinkData> out = null;
        for (int i = 0; i < links.size(); i++) {
            LinkData link = links.get(i);
            Attributes attributes = redact(link.getAttributes());
            LinkData redacted = attributes == link.getAttributes() ? link
                    : LinkData.create(link.getSpanContext(), attributes, link.getTotalAttributeCount());
            if (redacted != link && out == null) {
                out = new ArrayList<>(links.subList(0, i));
            }
            if (out != null) {
                out.add(redacted);
            }
        }
        return out == null ? links : out;
    }

    private static final class Redacted extends DelegatingSpanData {
        private final String name;
        private final Attributes attributes;
        private final List<EventData> events;
        private final List<LinkData> links;
        private final StatusData status;
        private final Resource resource;

        Redacted(SpanData delegate, String name, Attributes attributes, List<EventData> events, List<LinkData> links,
                 StatusData status, Resource resource) {
            super(delegate);
            this.name = name;
            this.attributes = attributes;
            this.events = events;
            this.links = links;
            this.status = status;
            this.resource = resource;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public List<EventData> getEvents() {
            return events;
        }

        @Override
        public List<LinkData> getLinks() {
            return links;
        }

        @Override
        public StatusData getStatus() {
            return status;
        }

        @Override
        public Resource getResource() {
            return resource;
        }
    }
}
