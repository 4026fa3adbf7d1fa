package dev.vigil.collector.testing;

import java.util.List;

import static io.restassured.RestAssured.given;

/** The targeted runs {@code GET /api/collections} shows for a provider delivery: as their trigger, or coalesced. */
public final class TriggeredRuns {
    private TriggeredRuns() {
    }

    public static List<String> of(String deliveryId) {
        return given().get("/api/collections").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.trigger != null && (it.trigger.deliveryId == '" + deliveryId
                        + "' || it.trigger.coalesced?.contains('" + deliveryId + "')) }.runId", String.class);
    }
}
