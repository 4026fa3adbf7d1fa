package dev.vigil.report.upload;

import java.util.List;

/** An upload the service refuses, with every reason at once so the uploader can fix them in one go. */
public class InvalidUploadException extends RuntimeException {
    private final List<String> problems;
    private final boolean tooLarge;

    public InvalidUploadException(List<String> problems, boolean tooLarge) {
        super("invalid upload: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.tooLarge = tooLarge;
    }

    public List<String> problems() {
        return problems;
    }

    /** The file exceeds the configured maximum: answered 413 rather than 400. */
    public boolean tooLarge() {
        return tooLarge;
    }
}
