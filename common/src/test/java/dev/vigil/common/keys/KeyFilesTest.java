package dev.vigil.common.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void aKeyFileOnlyItsOwnerReadsIsRead() throws Exception {
        Path key = dir.resolve("key.pem");
        KeyFiles.writeOwnerOnly(key, "secret");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(KeyFiles.readOwnerOnly(key)).isEqualTo("secret");
    }

    @Test
    void aKeyFileItsGroupOrOthersMayReadIsRefusedNamingTheFileAndTheFix() throws Exception {
        Path key = dir.resolve("key.pem");
        Files.writeString(key, "secret");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> KeyFiles.readOwnerOnly(key))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw--w----"));
        assertThatThrownBy(() -> KeyFiles.requireOwnerOnly(key)).hasMessageContaining("rw--w----");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        assertThatThrownBy(() -> KeyFiles.readOwnerOnly(dir.resolve("absent.pem")))
                .hasMessageContaining("absent.pem").hasMessageContaining("does not exist");
    }
}
