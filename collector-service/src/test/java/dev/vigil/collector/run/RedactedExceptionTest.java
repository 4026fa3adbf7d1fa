package dev.vigil.collector.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class RedactedExceptionTest {
    @Test
    void everyMessageOfTheChainIsRedactedAndTheStackKept() {
        IOException cause = new IOException("POST https://x.example/token?client_secret=s3cr3t-value failed");
        IllegalStateException thrown = new IllegalStateException("SSWS 00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_Ab refused",
                cause);
        Throwable logged = RedactedException.of(thrown);
        StringWriter trace = new StringWriter();
        logged.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("s3cr3t-value", "00aBcDeFgHiJ")
                .contains("java.lang.IllegalStateException: [REDACTED] refused",
                        "Caused by: java.io.IOException: POST https://x.example/token?client_secret=[REDACTED] failed",
                        "RedactedExceptionTest.everyMessageOfTheChainIsRedactedAndTheStackKept");
        assertThat(logged.getStackTrace()).isEqualTo(thrown.getStackTrace());
    }

    @Test
    void aThrowableWithoutMessageKeepsItsName() {
        assertThat(RedactedException.of(new NullPointerException()).toString()).isEqualTo("java.lang.NullPointerException");
    }
}
