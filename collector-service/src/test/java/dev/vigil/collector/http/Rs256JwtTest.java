package dev.vigil.collector.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Rs256JwtTest {
    @Test
    void signsWhatTheProviderVerifiesWithThePublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        String jwt = Rs256Jwt.sign(Map.of("iss", "reader@example.iam.gserviceaccount.com"), "kid-1",
                Rs256Jwt.parsePrivateKey(pem, "the test key"));

        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"RS256\",\"kid\":\"kid-1\",\"typ\":\"JWT\"}"); // the shared mapper sorts keys
        assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .isEqualTo("{\"iss\":\"reader@example.iam.gserviceaccount.com\"}");
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(pair.getPublic());
        verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void somethingThatIsNotAPemKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> Rs256Jwt.parsePrivateKey("not a key", "the key of x.json"))
                .hasMessage("the key of x.json is not a PEM RSA private key");
    }
}
