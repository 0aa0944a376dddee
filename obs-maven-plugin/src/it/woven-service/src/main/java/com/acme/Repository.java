package com.acme;

import dev.obs.annotation.Timed;
import dev.obs.annotation.Traced;

public abstract class Repository {

    @Traced
    public abstract void save(String order);

    @Timed("repository.native")
    native int handle();
}
