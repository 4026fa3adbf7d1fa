package dev.vigil.evaluator.api;

import dev.vigil.access.testing.AccessMatrix;
import dev.vigil.access.testing.AccessMatrix.Design;
import dev.vigil.access.testing.TestCallers;
import dev.vigil.stack.testing.KafkaTestResource;
import dev.vigil.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static dev.vigil.access.testing.AccessMatrix.Caller.ADMIN;
import static dev.vigil.access.testing.AccessMatrix.Caller.ENGINEER;
import static dev.vigil.access.testing.AccessMatrix.Caller.SERVICE;

/**
 * The control evaluator's authorization matrix (docs/access.md): every endpoint, every caller, exactly the designed
 * answer. People read; only a service (report-service, which records who decided) records or revokes exceptions
 * and scoping decisions. A new endpoint fails {@link #everyEndpointIsDesigned()} until it is added here and to the
 * docs.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AccessMatrixIT {
    @TestHTTPResource("/")
    URL base;

    AccessMatrix matrix;

    @BeforeEach
    void design() throws Exception {
        Design read = Design.admits(ADMIN, ENGINEER, SERVICE);
        // Bodies naming an unknown control: a service gets 400, and nothing is recorded.
        Design decide = Design.admits(SERVICE).body("application/json", "{\"controlId\":\"NO-SUCH-CONTROL\"}");
        matrix = new AccessMatrix(base.toURI())
                .testProfileUsers()
                .caller(SERVICE, TestCallers.SERVICE, TestCallers.SERVICE_SECRET)
                .design("GET /api/resources", read)
                .design("GET /api/coverage", read)
                .design("GET /api/people", read)
                .design("GET /api/evidence", read)
                .design("GET /api/ledger", read)
                .design("GET /api/ledger/verification", read)
                .design("GET /api/ledger/decisions", read)
                .design("GET /api/ledger/chains", read)
                .design("GET /api/ledger/checkpoints", read)
                .design("GET /api/ledger/checkpoint-key", read)
                .design("GET /api/controls/{id}/failing-resources", read)
                .design("GET /api/exceptions", read)
                .design("POST /api/exceptions", decide)
                .design("DELETE /api/exceptions/{id}", Design.admits(SERVICE))
                .design("GET /api/scoping", read)
                .design("POST /api/scoping", decide)
                .design("DELETE /api/scoping/{controlId}", Design.admits(SERVICE))
                .operatorEndpoints();
    }

    @Test
    void everyEndpointIsDesigned() throws Exception {
        matrix.assertEveryEndpointIsDesigned();
    }

    @Test
    void everyCallerGetsTheDesignedAnswer() throws Exception {
        matrix.assertEveryCallerGetsTheDesignedAnswer();
    }
}
