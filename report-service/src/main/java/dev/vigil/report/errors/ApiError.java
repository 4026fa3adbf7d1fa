package dev.vigil.report.errors;

/** The JSON body of every API error. */
public record ApiError(int status, String error) {
}
