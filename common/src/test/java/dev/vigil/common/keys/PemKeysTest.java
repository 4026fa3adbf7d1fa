package dev.vigil.common.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key files as openssl writes them (test-only keys under src/test/resources/keys, generated for this test). */
class PemKeysTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file (openssl command)                      algorithm  signature       public key file
            "test-only-rsa-pkcs8.pem,       RSA,     SHA256withRSA,   test-only-rsa.pub.pem",     // genpkey RSA
            "test-only-rsa-pkcs1.pem,       RSA,     SHA256withRSA,   test-only-rsa.pub.pem",     // rsa -traditional (GitHub Apps)
            "test-only-ec-sec1.pem,         EC,      SHA256withECDSA, test-only-ec.pub.pem",      // ec
            "test-only-ec-sec1-params.pem,  EC,      SHA256withECDSA, test-only-ec.pub.pem",      // ecparam -genkey
            "test-only-ed25519.pem,         EdDSA,   Ed25519,         test-only-ed25519.pub.pem", // genpkey ed25519
    })
    void readsEveryKeyFileOpensslWritesAndItsPublicHalfVerifiesWhatItSigns(
            String file, String algorithm, String signatureAlgorithm, String publicFile) throws Exception {
        KeyPair pair = PemKeys.keyPair(read(file), file);
        assertThat(pair.getPrivate().getAlgorithm()).isEqualTo(algorithm);

        var publicKey = PemKeys.publicKey(read(publicFile), publicFile);
        byte[] message = "period 2026-Q3".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(signatureAlgorithm);
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(signatureAlgorithm);
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
        if (!algorithm.equals("EdDSA")) { // an Ed25519 PKCS#8 file carries no public key, and the JDK cannot derive it
            assertThat(pair.getPublic().getEncoded()).isEqualTo(publicKey.getEncoded());
        }
    }

    @Test
    void derivesTheEcPublicPointAPkcs8FileFromTheJdkLacks() throws Exception {
        var generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        KeyPair generated = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(generated.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        assertThat(PemKeys.keyPair(pem, "jdk.pem").getPublic().getEncoded()).isEqualTo(generated.getPublic().getEncoded());
    }

    @Test
    void whatIsNotAKeySaysWhichFileAndNeverItsContent() throws Exception {
        assertThatThrownBy(() -> PemKeys.privateKey("not a key", "the key of x.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the key of x.json holds no private key (PEM blocks found: none)");
        assertThatThrownBy(() -> PemKeys.privateKey(read("test-only-ec.pub.pem"), "public.pem"))
                .hasMessage("public.pem holds no private key (PEM blocks found: SubjectPublicKeyInfo)");
        assertThatThrownBy(() -> PemKeys.publicKey(read("test-only-ec-sec1.pem"), "key.pem"))
                .hasMessage("key.pem holds no PUBLIC KEY block (PEM blocks found: PEMKeyPair)");
        String pem = read("test-only-rsa-pkcs8.pem");
        String corrupt = pem.substring(0, 100) + "!!!!" + pem.substring(104);
        assertThatThrownBy(() -> PemKeys.privateKey(corrupt, "broken.pem"))
                .hasMessageStartingWith("broken.pem is not a readable PEM key file")
                .message().doesNotContain(pem.substring(40, 90));
    }

    @Test
    void refusesAnEncryptedKey() throws Exception {
        assertThatThrownBy(() -> PemKeys.privateKey(read("test-only-ec-encrypted.pem"), "locked.pem"))
                .hasMessageContaining("locked.pem holds a PEM block Vigil does not read as a key")
                .hasMessageContaining("encrypted keys are not read");
    }

    private static String read(String file) throws IOException {
        try (InputStream in = PemKeysTest.class.getResourceAsStream("/keys/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
