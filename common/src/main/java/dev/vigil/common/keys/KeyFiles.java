package dev.vigil.common.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a private key file only when no one but its owner can read it: a signing key that other users of the
 * machine (or of a shared volume) can copy signs nothing an auditor can rely on. On a file system without POSIX
 * permissions (Windows) the check cannot be made and the file is read as it is.
 */
public final class KeyFiles {
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFiles() {
    }

    /** The file's text, or {@link IllegalStateException} naming the file and its permissions when others may read it. */
    public static String readOwnerOnly(Path file) {
        requireOwnerOnly(file);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a key file that its group or others may read or write (e.g. 0644): it names the file and the fix. */
    public static void requireOwnerOnly(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("key file " + file + " does not exist");
        }
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OPEN_TO_OTHERS::contains)) {
                throw new IllegalStateException("key file " + file + " is " + PosixFilePermissions.toString(permissions)
                        + ": a private key must be readable by its owner only (chmod 600 " + file + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a new key file that only its owner can read: created with those permissions, never widened first. */
    public static void writeOwnerOnly(Path file, String content) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (Files.getFileStore(file.getParent() == null ? Path.of(".") : file.getParent())
                    .supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file + ": " + e.getMessage(), e);
        }
    }
}
