package dev.obs.benchmarks.e2e;

import com.sun.net.httpserver.Filter;
import dev.obs.Observability;
import dev.obs.jdbc.ObsJdbc;
import javax.sql.DataSource;

/**
 * The only class that touches obs, so that the variants without obs never load it. Configuration
 * comes from the environment, exactly as in a service: run.sh sets the sampling ratio, the OTLP
 * endpoint and the Sentry DSN.
 */
final class ObsInstallation {

    private ObsInstallation() {
    }

    static Filter installAndGetFilter() {
        Observability obs = Observability.install();
        return obs.httpServerFilter();
    }

    /** The pool as a service with obs-jdbc would use it: every statement observed. */
    static DataSource observed(DataSource pool) {
        return ObsJdbc.wrap(pool);
    }
}
