package dev.vigil.access.testing;

import io.restassured.RestAssured;

/**
 * Who the tests call collector-service and the control evaluator as: the service credential their test profiles
 * accept (application.properties, %test.vigil.access.service-credentials.report). Every endpoint but the probes
 * needs a caller.
 */
public final class TestCallers {
    /** report-service's name and test secret, as the test profiles list it. */
    public static final String SERVICE = "report";
    public static final String SERVICE_SECRET = "test-report-secret";

    private TestCallers() {
    }

    /** Every RestAssured request of this test JVM that names no other caller goes as report-service. */
    public static void callAsService() {
        RestAssured.authentication = RestAssured.preemptive().basic(SERVICE, SERVICE_SECRET);
    }
}
