package dev.vigil.common.evidence;

import java.util.Objects;

/**
 * Where evidence came from: a provider (aws, github, okta, manual) and the account, organisation or
 * tenant inside it. Rendered as the CloudEvents {@code source} URI {@code vigil://provider/account}.
 */
public record SourceRef(String provider, String account) {

    public SourceRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(account, "account");
        if (provider.isBlank() || account.isBlank()) {
            throw new IllegalArgumentException("provider and account must not be blank");
        }
    }

    public String uri() {
        return "vigil://" + provider + "/" + account;
    }

    public static SourceRef parse(String uri) {
        if (uri == null || !uri.startsWith("vigil://")) {
            throw new IllegalArgumentException("source must look like vigil://provider/account, was " + uri);
        }
        String rest = uri.substring("vigil://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("source must look like vigil://provider/account, was " + uri);
        }
        return new SourceRef(rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return uri();
    }
}
