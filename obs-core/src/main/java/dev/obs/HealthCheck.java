package dev.obs;

/**
 * A readiness check: {@code /ready} answers 200 while every check says healthy, and 503 naming the
 * checks that do not (a check that throws or takes longer than two seconds counts as unhealthy).
 *
 * <pre>{@code
 * obs.addReadinessCheck("database", () -> dataSource.getConnection().isValid(1));
 * }</pre>
 *
 * Only the check's name is shown on {@code /ready}, never an exception message, so a failing
 * check cannot leak connection strings or credentials.
 */
@FunctionalInterface
public interface HealthCheck {

    /** Whether the dependency this check guards is usable now. */
    boolean isHealthy() throws Exception;
}
