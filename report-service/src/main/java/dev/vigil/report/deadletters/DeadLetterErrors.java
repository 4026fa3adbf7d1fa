package dev.vigil.report.deadletters;

import dev.vigil.report.errors.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The dead-letter API's failures as JSON errors, like the rest of the API. */
public class DeadLetterErrors {
    private static final Logger LOG = Logger.getLogger(DeadLetterErrors.class);

    @ServerExceptionMapper
    public Response invalid(InvalidDeadLetterRequest e) {
        return json(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(DeadLettersUnavailable e) {
        LOG.warn(e.getMessage());
        return json(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static Response json(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), message)).build();
    }
}
