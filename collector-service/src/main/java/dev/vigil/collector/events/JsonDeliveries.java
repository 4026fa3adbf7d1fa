package dev.vigil.collector.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Reads a verified delivery's body as the JSON object providers send; what is not one is malformed (400). */
public final class JsonDeliveries {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a delivery is not a JSON object: the receiver answers it as malformed with this reason. */
    public static final class NotJson extends Exception {
        NotJson(String reason) {
            super(reason, null, false, false);
        }
    }

    private JsonDeliveries() {
    }

    /** The body as a JSON object, once its content type says {@code application/json}. */
    public static JsonNode object(Delivery delivery) throws NotJson {
        String contentType = delivery.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            throw new NotJson("the content type must be application/json");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(delivery.body());
        } catch (IOException e) {
            throw new NotJson("the body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new NotJson("the body is not a JSON object");
        }
        return payload;
    }
}
