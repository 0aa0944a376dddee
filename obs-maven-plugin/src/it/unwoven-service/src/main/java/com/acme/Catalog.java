package com.acme;

import dev.obs.annotation.Traced;

/** Annotated for an Observability.instrument(..) proxy: nothing to weave, so nothing to report. */
public interface Catalog {

    @Traced
    String describe(String sku);
}
