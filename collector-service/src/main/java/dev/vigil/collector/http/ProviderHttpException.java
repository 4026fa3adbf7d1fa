package dev.vigil.collector.http;

import okhttp3.HttpUrl;
import okhttp3.Response;

import java.io.IOException;

/**
 * A provider answered with an error status (after retries). Its message names the request as it was sent (method
 * and full URL) and the provider's own words, for example {@code GET https://api.github.com/orgs/acme/members
 * ?per_page=100 answered HTTP 404 (not found, or not visible to this credential): Not Found}: an operator can
 * repeat the call by hand. Credentials travel in headers or bodies, never in the URL; user-info is dropped anyway.
 */
public class ProviderHttpException extends IOException {
    private static final int MAX_DETAIL = 300;

    private final String method;
    private final HttpUrl url;
    private final int status;
    private final boolean rateLimited;
    private final String providerMessage;

    /**
     * @param response        the error answer; its request is the one actually sent (after redirects)
     * @param body            the answer's body as text, for recognising GitHub's secondary rate limit
     * @param providerMessage what the provider said, read from its error shape; null when it said nothing usable
     */
    public ProviderHttpException(Response response, String body, String providerMessage) {
        this.method = response.request().method();
        this.url = response.request().url().newBuilder().username("").password("").build();
        this.status = response.code();
        this.rateLimited = RateLimits.isRateLimited(status, response::header, body);
        this.providerMessage = shorten(providerMessage);
    }

    @Override
    public String getMessage() {
        String meaning = rateLimited ? " (rate limited)"
                // GitHub, Okta and others answer 404 for what a credential may not see: it proves neither a
                // missing permission nor absence
                : notFound() ? " (not found, or not visible to this credential)" : "";
        return method + " " + url + " answered HTTP " + status + meaning
                + (providerMessage == null || providerMessage.isEmpty() ? "" : ": " + providerMessage);
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        return s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "..." : s;
    }

    public String method() {
        return method;
    }

    /** The URL as sent, without user-info. */
    public HttpUrl url() {
        return url;
    }

    public int status() {
        return status;
    }

    public boolean rateLimited() {
        return rateLimited;
    }

    /** The provider's own error message (shortened), or null. */
    public String providerMessage() {
        return providerMessage;
    }

    /** 401 or 403 that is not rate limiting: the credential may not do this. */
    public boolean denied() {
        return (status == 401 || status == 403) && !rateLimited;
    }

    /** 404: the resource does not exist, or the credential may not see it; the provider does not tell which. */
    public boolean notFound() {
        return status == 404;
    }
}
