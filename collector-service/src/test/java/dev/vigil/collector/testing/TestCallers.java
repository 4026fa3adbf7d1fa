package dev.vigil.collector.testing;

import io.restassured.RestAssured;

/**
 * Who the tests call collector-service as: the test profile's users and the service credential it accepts
 * (application.properties, %test). Every endpoint but the probes needs one of them.
 */
public final class TestCallers {
    /** report-service's name and test secret, as this service's test profile lists it. */
    public static final String SERVICE = "report";
    public static final String SERVICE_SECRET = "test-report-secret";

    private TestCallers() {
    }

    /** Every RestAssured request of this test JVM that names no other caller goes as report-service. */
    public static void callAsService() {
        RestAssured.authentication = RestAssured.preemptive().basic(SERVICE, SERVICE_SECRET);
    }
}
