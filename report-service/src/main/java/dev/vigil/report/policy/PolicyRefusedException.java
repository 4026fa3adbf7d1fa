package dev.vigil.report.policy;

/**
 * A request that names no such policy or version (404), comes from someone not allowed (403), or does not fit
 * (409).
 */
public class PolicyRefusedException extends RuntimeException {
    private final int status;

    private PolicyRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static PolicyRefusedException notFound(String message) {
        return new PolicyRefusedException(404, message);
    }

    public static PolicyRefusedException forbidden(String message) {
        return new PolicyRefusedException(403, message);
    }

    public static PolicyRefusedException conflict(String message) {
        return new PolicyRefusedException(409, message);
    }

    public int status() {
        return status;
    }
}
