package dev.vigil.report.api;

/** The JSON body of every API error. */
public record ApiError(int status, String error) {
}
