package dev.vigil.evaluator.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
}
