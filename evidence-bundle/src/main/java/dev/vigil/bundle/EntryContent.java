package dev.vigil.bundle;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one file's bytes into the bundle as they are produced. The stream must not be kept after the call returns;
 * closing it is allowed and does nothing.
 */
@FunctionalInterface
public interface EntryContent {
    void writeTo(OutputStream out) throws IOException;
}
