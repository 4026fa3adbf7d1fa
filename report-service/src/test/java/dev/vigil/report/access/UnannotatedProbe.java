package dev.vigil.report.access;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * A test-only endpoint that names no role, as a forgetful contributor might write one: {@link AccessIT} shows it is
 * denied to everyone, admins included.
 */
@Path("/api/test-only/unannotated")
public class UnannotatedProbe {
    @GET
    public String secret() {
        return "nobody should read this";
    }
}
