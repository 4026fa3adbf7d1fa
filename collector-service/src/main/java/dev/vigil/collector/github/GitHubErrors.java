package dev.vigil.collector.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.http.RateLimits;
import dev.vigil.common.evidence.EventCodec;
import org.kohsuke.github.GHIOException;
import org.kohsuke.github.HttpException;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Reads github-api's exceptions: was it a denied permission (not a rate limit)? */
final class GitHubErrors {
    private GitHubErrors() {
    }

    static boolean denied(IOException e) {
        if (!(e instanceof HttpException http)) {
            return false;
        }
        int code = http.getResponseCode();
        return (code == 401 || code == 403) && !RateLimits.isRateLimited(code, name -> header(http, name));
    }

    static String reason(IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof HttpException http) {
            return "HTTP " + http.getResponseCode() + ": " + firstLine(apiMessage(detail));
        }
        return firstLine(detail);
    }

    /** github-api puts the error body in the message; GitHub's own words are its "message" field. */
    private static String apiMessage(String body) {
        if (body.stripLeading().startsWith("{")) {
            try {
                JsonNode json = EventCodec.mapper().readTree(body);
                if (json.hasNonNull("message")) {
                    return json.get("message").asText();
                }
            } catch (JsonProcessingException ex) {
                // not JSON after all: show it as it came
            }
        }
        return body;
    }

    private static String header(GHIOException e, String name) {
        Map<String, List<String>> headers = e.getResponseHeaderFields();
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
