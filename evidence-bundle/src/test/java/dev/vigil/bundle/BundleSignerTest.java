package dev.vigil.bundle;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import dev.vigil.common.keys.KeyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Test-only keys under src/test/resources/keys were made with openssl genpkey / ecparam; they sign nothing real. */
class BundleSignerTest {
    @TempDir
    Path dir;

    /**
     * A test key, copied owner-only: git keeps no 0600 mode, and BundleSigner refuses a private key file its group or
     * others may read.
     */
    private Path resource(String name) throws Exception {
        Path checkedOut = Path.of(BundleSignerTest.class.getResource("/keys/" + name).toURI());
        Path copy = dir.resolve("owner-only-" + name);
        KeyFiles.writeOwnerOnly(copy, Files.readString(checkedOut));
        return copy;
    }

    /** RFC 7638 by hand: sha256 of the required members in lexicographic order, no white space. */
    private static String thumbprintByHand(ECPublicKey key) throws Exception {
        String x = Base64URL.encode(unsigned32(key.getW().getAffineX())).toString();
        String y = Base64URL.encode(unsigned32(key.getW().getAffineY())).toString();
        String json = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static byte[] unsigned32(BigInteger n) {
        byte[] bytes = n.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - len, out, 32 - len, len);
        return out;
    }

    private static ECPublicKey readSpki(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----|\\s", "");
        return (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    @Test
    void loadsAnOpensslPkcs8PemAndNamesItByItsThumbprint() throws Exception {
        BundleSigner signer = BundleSigner.load(resource("test-only-pkcs8.pem"));
        ECPublicKey expected = readSpki(resource("test-only-pkcs8.pub.pem"));

        assertThat(signer.publicJwk().toECPublicKey().getW()).isEqualTo(expected.getW());
        assertThat(signer.keyId()).isEqualTo(thumbprintByHand(expected));
        assertThat(signer.publicJwk().getKeyID()).isEqualTo(signer.keyId());
        assertThat(signer.publicJwk().isPrivate()).isFalse();
        assertThat(signer.algorithm().getName()).isEqualTo("ES256");
    }

    @Test
    void loadsAnOpensslSec1PemWithItsParametersBlock() throws Exception {
        BundleSigner signer = BundleSigner.load(resource("test-only-sec1.pem"));
        assertThat(signer.keyId()).isEqualTo(thumbprintByHand(signer.publicJwk().toECPublicKey()));
    }

    @Test
    void aJdkPkcs8KeyLoadsWithOrWithoutItsPublicBlockAndAMismatchedOneIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        KeyPair other = generator.generateKeyPair();
        String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());

        Path bare = ownerOnly(dir.resolve("bare.pem"), privatePem);
        // The JDK (17) writes no public point into PKCS#8: it is derived from the private key
        assertThat(BundleSigner.load(bare).keyId()).isEqualTo(thumbprintByHand((ECPublicKey) pair.getPublic()));
        Path withPublic = ownerOnly(dir.resolve("with-public.pem"),
                privatePem + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        assertThat(BundleSigner.load(withPublic).keyId()).isEqualTo(thumbprintByHand((ECPublicKey) pair.getPublic()));

        Path mismatched = ownerOnly(dir.resolve("mismatched.pem"),
                privatePem + pem("PUBLIC KEY", other.getPublic().getEncoded()));
        assertThatThrownBy(() -> BundleSigner.load(mismatched))
                .hasMessageContaining("does not belong to the private key");
    }

    @Test
    void refusesKeysItCannotSignES256With() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        Path p384 = ownerOnly(dir.resolve("p384.pem"),
                pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
        assertThatThrownBy(() -> BundleSigner.load(p384)).hasMessageContaining("P-256");

        Path publicOnly = ownerOnly(dir.resolve("public.jwk.json"),
                BundleSigner.generate().publicJwk().toJSONString());
        assertThatThrownBy(() -> BundleSigner.load(publicOnly)).hasMessageContaining("no private part");
    }

    @Test
    void aSavedPrivateJwkLoadsBackAsTheSameKey() throws Exception {
        BundleSigner signer = BundleSigner.generate();
        Path file = dir.resolve("signing.jwk.json");
        signer.savePrivateJwk(file);

        BundleSigner loaded = BundleSigner.load(file);

        assertThat(loaded.keyId()).isEqualTo(signer.keyId());
        assertThat(ECKey.parse(Files.readString(file)).isPrivate()).isTrue();
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedNamingTheFileAndTheFix() throws Exception {
        Path file = dir.resolve("open.jwk.json");
        BundleSigner.generate().savePrivateJwk(file);
        assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> BundleSigner.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("chmod 600");
    }

    @Test
    void aRetiredKeyIsReadFromItsPublicHalfOnly() throws Exception {
        BundleSigner signer = BundleSigner.load(resource("test-only-pkcs8.pem"));
        Path spki = Path.of(BundleSignerTest.class.getResource("/keys/test-only-pkcs8.pub.pem").toURI());
        assertThat(BundleSigner.thumbprint(BundleSigner.loadPublic(spki))).isEqualTo(signer.keyId());
        Path jwk = ownerOnly(dir.resolve("public.jwk.json"), signer.publicJwk().toJSONString());
        assertThat(BundleSigner.thumbprint(BundleSigner.loadPublic(jwk))).isEqualTo(signer.keyId());

        Path privateJwk = dir.resolve("private.jwk.json");
        signer.savePrivateJwk(privateJwk);
        assertThatThrownBy(() -> BundleSigner.loadPublic(privateJwk)).hasMessageContaining("private key");
        assertThatThrownBy(() -> BundleSigner.loadPublic(resource("test-only-sec1.pem")))
                .hasMessageContaining("private key");
    }

    /** Key files are written owner-only, as BundleSigner.load wants them. */
    private static Path ownerOnly(Path file, String content) {
        KeyFiles.writeOwnerOnly(file, content);
        return file;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
