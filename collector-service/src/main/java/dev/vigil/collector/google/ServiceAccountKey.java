package dev.vigil.collector.google;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.http.Rs256Jwt;
import dev.vigil.common.evidence.EventCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/**
 * A Google Cloud service account's JSON key, as the console downloads it: who the account is, its private key and
 * the token endpoint. The key never leaves this object: it signs assertions and nothing else.
 */
record ServiceAccountKey(String clientEmail, String keyId, PrivateKey privateKey, String tokenUri) {

    static ServiceAccountKey read(Path file) throws IOException {
        JsonNode json;
        try {
            json = EventCodec.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IOException("cannot read the service account key " + file + ": " + e.getMessage(), e);
        }
        if (json == null || !"service_account".equals(json.path("type").asText())) {
            throw new IOException(file + " is not a service account key (type must be service_account)");
        }
        for (String field : new String[] {"client_email", "private_key", "token_uri"}) {
            if (!json.hasNonNull(field)) {
                throw new IOException("the service account key " + file + " has no " + field);
            }
        }
        return new ServiceAccountKey(json.get("client_email").asText(), json.path("private_key_id").asText(null),
                Rs256Jwt.parsePrivateKey(json.get("private_key").asText(), "the private key of " + file),
                json.get("token_uri").asText());
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + ", kid " + keyId + "]"; // never the key
    }
}
