package dev.vigil.report.api;

import dev.vigil.report.board.ControlFilter;
import dev.vigil.report.errors.ApiError;
import dev.vigil.report.errors.UnknownControlException;
import dev.vigil.report.period.Period;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the API's own failures into JSON errors instead of HTML or empty bodies. */
public class ApiErrorMappers {

    @ServerExceptionMapper
    public Response unknownControl(UnknownControlException e) {
        return json(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badFilter(ControlFilter.InvalidFilterException e) {
        return json(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownCommitment(UnknownCommitmentException e) {
        return json(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badPeriod(Period.InvalidPeriodException e) {
        return json(Response.Status.BAD_REQUEST, e.getMessage());
    }

    /** The evaluator or the evidence store could not be read before a bundle started streaming. */
    @ServerExceptionMapper
    public Response evidenceUnavailable(dev.vigil.report.bundle.PeriodEvidence.UnavailableException e) {
        return json(Response.Status.BAD_GATEWAY, e.getMessage());
    }

    /** A request or decision the approval rules refuse: 400, 404, 409, or 502 when the evaluator failed. */
    @ServerExceptionMapper
    public Response approvalRefused(dev.vigil.report.approval.ApprovalRefused e) {
        return json(switch (e.why()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            case EVALUATOR_FAILED -> Response.Status.BAD_GATEWAY;
        }, e.getMessage());
    }

    private static Response json(Response.Status status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), message))
                .build();
    }
}
