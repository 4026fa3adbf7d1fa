package dev.vigil.collector.github;

import dev.vigil.collector.http.ProviderHttpException;

import java.io.IOException;

/** Reads the errors of GitHub calls: was it a denied permission (not a rate limit)? */
final class GitHubErrors {
    private GitHubErrors() {
    }

    /** 401 or 403 that is not rate limiting. */
    static boolean denied(IOException e) {
        return e instanceof ProviderHttpException http && http.denied();
    }

    /** Denied, or 404: GitHub answers "Not Found" for what the credential may not see (org settings, members). */
    static boolean deniedOrHidden(IOException e) {
        return denied(e) || e instanceof ProviderHttpException http && http.status() == 404;
    }

    static String reason(IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = detail.indexOf('\n');
        String line = nl < 0 ? detail : detail.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
