package dev.vigil.collector.github;

import dev.vigil.collector.http.ProviderHttpException;

import java.io.IOException;
import java.util.Locale;

/**
 * Reads the errors of GitHub calls: was a permission missing? Only when GitHub says so: 401 or 403 that is not rate
 * limiting. A 404 is "not found, or not visible to this credential" (GitHub hides what a credential may not see,
 * but also answers 404 for what is not there), so it names no permission.
 */
final class GitHubErrors {
    private static final int MAX_REASON = 500;

    private GitHubErrors() {
    }

    /** 401 or 403 that is not rate limiting. */
    static boolean denied(IOException e) {
        return e instanceof ProviderHttpException http && http.denied();
    }

    /**
     * Denied, or GitHub's refusal of an owners-only filter ({@code filter=2fa_disabled}): 422 "Only owners can use
     * this filter." for a member that is not an owner.
     */
    static boolean deniedOrOwnersOnly(IOException e) {
        return denied(e) || e instanceof ProviderHttpException http && http.status() == 422
                && http.providerMessage() != null
                && http.providerMessage().toLowerCase(Locale.ROOT).contains("only owners");
    }

    /** The first line of the error, bounded: a {@link ProviderHttpException} names method, URL and GitHub's words. */
    static String reason(IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = detail.indexOf('\n');
        String line = nl < 0 ? detail : detail.substring(0, nl);
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "..." : line;
    }
}
