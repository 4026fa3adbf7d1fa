package dev.vigil.stack;

import dev.vigil.common.keys.KeyFiles;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The SASL/SCRAM-SHA-512 users of a broker started here, with their passwords: {@value #BROKER} is the broker's
 * own (its inter-broker listener signs in with it), the others are the clients: one per service, so each service
 * holds only its own secret. Read from an owner-only {@code name=password} file (deploy/local/up.sh writes one).
 */
public record KafkaUsers(Map<String, String> passwords) {
    public static final String BROKER = "broker";
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    public KafkaUsers {
        passwords = Map.copyOf(passwords);
        if (!passwords.containsKey(BROKER)) {
            throw new IllegalArgumentException("the Kafka users must include '" + BROKER + "', the broker's own");
        }
        passwords.forEach((name, password) -> {
            // Kafka's JAAS and StorageTool syntaxes have no escaping: refuse what either would misread.
            if (!name.matches("[A-Za-z0-9._-]+") || !password.matches("[A-Za-z0-9._~+/=-]{8,}")) {
                throw new IllegalArgumentException("Kafka user '" + name + "': names may hold letters, digits and "
                        + ". _ -; passwords at least 8 of those (or ~ + / =)");
            }
        });
    }

    /** Reads the users file; it must be readable by its owner only, like every other secret of the stack. */
    public static KafkaUsers load(Path file) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(KeyFiles.readOwnerOnly(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka users file " + file, e);
        }
        Map<String, String> users = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> users.put(name, props.getProperty(name).trim()));
        return new KafkaUsers(users);
    }

    /** The {@code name=password} lines BrokerMain formats the metadata log with. */
    String asProperties() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(passwords).forEach((name, password) -> sb.append(name).append('=').append(password).append('\n'));
        return sb.toString();
    }

    /** The JAAS line a client (or the broker's own listener) signs in with as this user. */
    public String jaasConfig(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user '" + user + "' (known: " + new TreeMap<>(passwords).keySet() + ")");
        }
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The client settings (beside bootstrap.servers) with which a producer, consumer or admin signs in as the user. */
    public Map<String, Object> clientProperties(String user) {
        return Map.of("security.protocol", SECURITY_PROTOCOL, "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig(user));
    }
}
