package dev.vigil.collector.http;

import java.io.IOException;

/** A provider answered with an error status (after retries). */
public class ProviderHttpException extends IOException {
    private final int status;
    private final boolean rateLimited;

    public ProviderHttpException(String operation, int status, boolean rateLimited, String detail) {
        super(operation + " answered HTTP " + status + (rateLimited ? " (rate limited)" : "")
                + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.status = status;
        this.rateLimited = rateLimited;
    }

    public int status() {
        return status;
    }

    /** 401 or 403 that is not rate limiting: the credential may not do this. */
    public boolean denied() {
        return (status == 401 || status == 403) && !rateLimited;
    }
}
