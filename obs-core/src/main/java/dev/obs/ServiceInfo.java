package dev.obs;

import java.util.Map;
import java.util.Objects;

/**
 * Who is emitting: the service's name, version and environment, and any extra resource attributes
 * (from {@code OTEL_RESOURCE_ATTRIBUTES}). Every signal carries the first three.
 *
 * @param name               {@code obs.service.name} / {@code OTEL_SERVICE_NAME}
 * @param version            {@code obs.service.version}, or {@code service.version} in the resource attributes
 * @param environment        {@code obs.env}, or {@code deployment.environment[.name]} in the resource attributes
 * @param resourceAttributes the remaining resource attributes
 */
public record ServiceInfo(String name, String version, String environment, Map<String, String> resourceAttributes) {

    public ServiceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(environment, "environment");
        resourceAttributes = Map.copyOf(resourceAttributes);
    }
}
