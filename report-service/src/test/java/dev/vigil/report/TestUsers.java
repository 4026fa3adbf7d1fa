package dev.vigil.report;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The demo users of the test profile (application.properties, %test.vigil.access.demo-users). */
public final class TestUsers {
    public static final String ADMIN = "admin";
    public static final String ENGINEER = "engineer";
    public static final String AUDITOR = "auditor";

    private TestUsers() {
    }

    public static String password(String user) {
        return "test-" + user;
    }

    /** One request signed in as this user, whoever the test signed in as otherwise. */
    public static RequestSpecification as(String user) {
        return RestAssured.given().auth().preemptive().basic(user, password(user));
    }

    /** Every RestAssured request of the calling test signs in as this user unless it says otherwise. */
    public static void signInAs(String user) {
        RestAssured.authentication = RestAssured.preemptive().basic(user, password(user));
    }
}
