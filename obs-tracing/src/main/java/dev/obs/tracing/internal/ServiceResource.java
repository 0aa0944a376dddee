package dev.obs.tracing.internal;

import dev.obs.ServiceInfo;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The resource every span carries: who the service is, where and in which process it runs.
 *
 * <p>Written here rather than taken from OpenTelemetry's {@code opentelemetry-resources}
 * ({@code HostResource}, {@code OsResource}, {@code ProcessResource}, {@code ProcessRuntimeResource}),
 * which would give the same attributes at no measurable start-up cost, because that artifact does
 * more than obs may: its resource providers register themselves with the autoconfigured SDK obs
 * builds, and {@code ProcessResource} then exports the JVM's whole command line
 * ({@code process.command_args}), where {@code -D} options often carry passwords and DSNs;
 * {@code HostResource} always asks DNS for the host name, which can stall install on a badly
 * configured host, where this takes {@code HOSTNAME} first; and it is an alpha artifact that brings
 * two more jars (about 600 KB) for the dozen lines below.
 */
final class ServiceResource {

    private ServiceResource() {
    }

    /** The service's resource; {@code instanceId} is kept when the SDK already found one. */
    static Resource of(ServiceInfo service, String instanceId) {
        AttributesBuilder attributes = Attributes.builder();
        for (Map.Entry<String, String> extra : service.resourceAttributes().entrySet()) {
            attributes.put(extra.getKey(), extra.getValue());
        }
        attributes.put("service.name", service.name());
        attributes.put("service.version", service.version());
        attributes.put("deployment.environment.name", service.environment());
        if (!service.resourceAttributes().containsKey("service.instance.id")) {
            attributes.put("service.instance.id", instanceId != null ? instanceId : randomInstanceId());
        }
        String host = hostName();
        if (host != null) {
            attributes.put("host.name", host);
        }
        attributes.put("host.arch", System.getProperty("os.arch", ""));
        attributes.put("os.type", osType(System.getProperty("os.name", "")));
        attributes.put("os.description", System.getProperty("os.name", "") + " " + System.getProperty("os.version", ""));
        attributes.put(AttributeKey.longKey("process.pid"), ProcessHandle.current().pid());
        attributes.put("process.runtime.name", System.getProperty("java.runtime.name", ""));
        attributes.put("process.runtime.version", System.getProperty("java.runtime.version", ""));
        attributes.put("process.runtime.description", System.getProperty("java.vm.vendor", "") + " "
                + System.getProperty("java.vm.name", "") + " " + System.getProperty("java.vm.version", ""));
        return Resource.create(attributes.build());
    }

    /**
     * A random (version 4) UUID drawn from {@link ThreadLocalRandom}: an instance ID must be unique,
     * not secret, and {@code UUID.randomUUID()} would set up {@code SecureRandom} and the security
     * providers (about a hundred classes) inside {@code install()}.
     */
    static String randomInstanceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }

    // The container's or host's name without a DNS lookup when the environment says it: a lookup
    // can hang for seconds on a badly configured host, and install() must stay fast.
    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static String osType(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "linux";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.contains("bsd")) {
            return name.contains("free") ? "freebsd" : name.contains("open") ? "openbsd" : "netbsd";
        }
        return name.isEmpty() ? "unknown" : name.replace(' ', '_');
    }
}
