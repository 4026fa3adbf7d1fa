package dev.vigil.report.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reads a bundle's entries, and writes a copy with one byte of one entry flipped (an auditor's tamper test). */
final class ZipFiles {
    private ZipFiles() {
    }

    static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    static Path flipByte(Map<String, byte[]> entries, Path to, String path, int index) throws IOException {
        try (OutputStream out = Files.newOutputStream(to); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] bytes = e.getValue();
                if (e.getKey().equals(path)) {
                    bytes = bytes.clone();
                    bytes[index] ^= 0x01;
                }
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(bytes);
                z.closeEntry();
            }
        }
        return to;
    }
}
