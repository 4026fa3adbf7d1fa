package dev.vigil.stack;

import dev.vigil.stack.testing.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The servers every integration test relies on are real and usable. */
class TestServersIT {

    @Test
    void kafkaBrokerRoundTripsARecord() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("stack-smoke", "k", "hello")).get();
        }
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of("stack-smoke"));
            Instant deadline = Instant.now().plusSeconds(30);
            while (seen.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
        }
        assertThat(seen).extracting(ConsumerRecord::value).containsExactly("hello");
    }

    @Test
    void postgresAcceptsTheVigilRole() throws Exception {
        var db = TestServers.postgres();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT current_user, current_setting('server_version_num')::int")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("vigil");
            assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(170000);
        }
    }

    /**
     * Quarkus loads TestServers again for every application it starts: such a class loader gets a fresh database on
     * the JVM's one PostgreSQL server.
     */
    @Test
    void anotherClassLoaderGetsAFreshDatabaseOnTheSameServer() throws Exception {
        var first = TestServers.postgres();
        URL[] classpath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader application = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(application); // as Quarkus runs its tests
            Class<?> servers = application.loadClass(TestServers.class.getName());
            assertThat(servers).isNotEqualTo(TestServers.class);
            Object db = servers.getMethod("postgres").invoke(null);
            Class<?> database = application.loadClass(Database.class.getName());
            String url = (String) database.getMethod("jdbcUrl").invoke(db);
            String server = first.jdbcUrl().substring(0, first.jdbcUrl().lastIndexOf('/') + 1);
            assertThat(url).startsWith(server).isNotEqualTo(first.jdbcUrl());
            try (Connection c = DriverManager.getConnection(url, first.username(), first.password());
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT current_database(), count(*) FROM pg_tables WHERE schemaname = 'public'")) {
                assertThat(rs.next()).isTrue();
                assertThat(url).endsWith("/" + rs.getString(1));
                assertThat(rs.getInt(2)).as("tables in the fresh database").isZero();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(caller);
        }
    }

    /** The broker of a stopped Quarkus application stops with it; a later ask starts another. */
    @Test
    void aStoppedBrokerIsReplacedWhenAskedAgain() {
        String bootstrap = TestServers.kafka().bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertThat(Ports.listening(port)).isTrue();
        TestServers.stopKafka();
        assertThat(Ports.listening(port)).as("the broker stopped").isFalse();
        String next = TestServers.kafka().bootstrapServers();
        assertThat(next).isNotEqualTo(bootstrap);
        assertThat(Ports.listening(Integer.parseInt(next.substring(next.lastIndexOf(':') + 1)))).isTrue();
    }
}
