package dev.vigil.collector.http;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 8288 {@code Link} headers, as Okta (one header per link) and GitHub (several links in one header) send them.
 * The one parser of them: callers still check that the next page stays on the provider's host.
 */
public final class LinkHeader {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";,]+)\"?");

    private LinkHeader() {
    }

    /** The target of the first link whose {@code rel} includes {@code next}. */
    public static Optional<String> next(List<String> headers) {
        for (String header : headers) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                while (rel.find()) {
                    if (List.of(rel.group(1).trim().split("\\s+")).contains("next")) {
                        return Optional.of(link.group(1));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
