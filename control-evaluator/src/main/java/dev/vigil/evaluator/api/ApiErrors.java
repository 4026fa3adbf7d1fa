package dev.vigil.evaluator.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** JSON error responses: {"status": 400, "error": "what is wrong and how to fix it"}. */
final class ApiErrors {
    private ApiErrors() {
    }

    static WebApplicationException of(Response.Status status, String message) {
        return new WebApplicationException(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", status.getStatusCode(), "error", message)).build());
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw of(Response.Status.BAD_REQUEST, "'" + field + "' is required");
        }
        return value.strip();
    }

    /** An ISO-8601 instant query parameter, or {@code absent} when it is not given. */
    static Instant instant(String value, String field, Instant absent) {
        if (value == null) {
            return absent;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw of(Response.Status.BAD_REQUEST, "'" + field + "' must be an ISO-8601 instant such as "
                    + "2026-01-01T00:00:00Z, not '" + value + "'");
        }
    }
}
