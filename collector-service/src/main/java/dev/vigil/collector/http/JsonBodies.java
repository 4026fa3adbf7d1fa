package dev.vigil.collector.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.evidence.EventCodec;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.collector.spi.RawResponses;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;

/** Reading providers' JSON answers, and OAuth 2.0 token requests, the same way for every provider. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /** The body as a JSON object, or an IOException naming who answered something else. */
    public static JsonNode object(String body, String what) throws IOException {
        JsonNode node = parse(body, what);
        if (node == null || !node.isObject()) {
            throw new IOException(what + " did not answer a JSON object");
        }
        return node;
    }

    /** The body as a JSON array, or an IOException naming who answered something else. */
    public static JsonNode array(String body, String what) throws IOException {
        JsonNode node = parse(body, what);
        if (node == null || !node.isArray()) {
            throw new IOException(what + " did not answer a JSON array");
        }
        return node;
    }

    /**
     * Sends a token request (client credentials, RFC 6749; or a JWT bearer assertion, RFC 7523) and returns the
     * access token. A refusal becomes a {@link ProviderHttpException} with the OAuth error code and the first line
     * of its description; the token itself is never logged or kept (nor are the secrets, which travel in the body).
     */
    public static String accessToken(OkHttpClient client, Request tokenRequest) throws IOException {
        try (Response response = client.newCall(tokenRequest).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new ProviderHttpException(response, body, oauthError(body));
            }
            JsonNode token = object(body, "the token endpoint");
            if (!token.hasNonNull("access_token")) {
                throw new IOException("the token endpoint answered no access_token");
            }
            return token.get("access_token").asText();
        }
    }

    /** An OAuth error body: {@code {"error":"invalid_client","error_description":"AADSTS7000215: ...\n..."}}. */
    static String oauthError(String body) {
        try {
            JsonNode error = EventCodec.mapper().readTree(body);
            if (error != null && error.hasNonNull("error") && error.get("error").isTextual()) {
                String description = error.path("error_description").asText("");
                int lineEnd = description.indexOf('\n');
                String first = (lineEnd < 0 ? description : description.substring(0, lineEnd)).strip();
                return error.get("error").asText() + (first.isEmpty() ? "" : " " + first);
            }
        } catch (JsonProcessingException e) {
            // not an OAuth error body: the status says enough
        }
        return null;
    }

    /** A JSON object answer and the raw (redacted, stored) response it came from. */
    public record Fetched(JsonNode json, RawResponse raw) {
    }

    /**
     * GETs a JSON object with a bearer token. An error answer becomes a {@link ProviderHttpException} whose detail
     * is the provider's {@code {"error":{"code":..., "message":...}}} (the shape Microsoft Graph and Google share).
     * {@code operation} names the call in the error of an answer that is not a JSON object.
     */
    public static Fetched getObject(OkHttpClient client, HttpUrl url, String accessToken, RawResponses raw,
                                    String operation) throws IOException {
        Request request = new Request.Builder().url(url)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .build();
        try (Response response = client.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new ProviderHttpException(response, body, nestedError(body));
            }
            return new Fetched(object(body, operation), raw == null ? null // outside a run nothing is kept
                    : raw.get(CaptureInterceptor.key(response.request().url())).orElse(null));
        }
    }

    /**
     * {@code {"error":{"code":"Authorization_RequestDenied","message":"..."}}}: {@code code: message} when the code is
     * textual (Graph), else the message alone (Google's code repeats the HTTP status).
     */
    public static String nestedError(String body) {
        try {
            JsonNode error = EventCodec.mapper().readTree(body);
            JsonNode e = error == null ? null : error.path("error");
            if (e != null && e.hasNonNull("message")) {
                return (e.path("code").isTextual() ? e.get("code").asText() + ": " : "") + e.get("message").asText();
            }
        } catch (JsonProcessingException e) {
            // not that JSON error shape: the status says enough
        }
        return null;
    }

    private static JsonNode parse(String body, String what) throws IOException {
        try {
            return EventCodec.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException(what + " did not answer JSON: " + e.getOriginalMessage(), e);
        }
    }
}
