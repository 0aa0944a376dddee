package dev.obs.errors.support;

import java.util.List;

/** A corpus of secrets and personal data that must never reach Sentry. */
public final class Secrets {

    public static final String PASSWORD = "hunter2xyz";
    public static final String BEARER_TOKEN = "s3cr3tT0kenValue";
    public static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJlMTIz";
    public static final String CARD = "4111 1111 1111 1111";
    public static final String EMAIL = "bob.smith@example.com";

    /** A text carrying every secret of the corpus. */
    public static final String TEXT = "login failed password=" + PASSWORD + " auth=Bearer " + BEARER_TOKEN
            + " jwt " + JWT + " card " + CARD + " user " + EMAIL;

    /** The raw values to look for in whatever was sent. */
    public static final List<String> VALUES = List.of(PASSWORD, BEARER_TOKEN, JWT, CARD, "4111111111111111", EMAIL);

    private Secrets() {
    }
}
