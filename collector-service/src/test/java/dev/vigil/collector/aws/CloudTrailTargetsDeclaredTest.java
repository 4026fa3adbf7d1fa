package dev.vigil.collector.aws;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudTrail events reach a collector only through {@code META-INF/services/...CloudTrailTargets}, a list kept by
 * hand: a collector's CloudTrailTargets class missing from it would read nothing again, silently. This fails instead,
 * naming the class.
 */
class CloudTrailTargetsDeclaredTest {
    static final String SERVICES = "collector-service/src/main/resources/META-INF/services/"
            + CloudTrailTargets.class.getName();

    @Test
    void everyCloudTrailTargetsClassOfTheBuildIsDeclared() throws Exception {
        Path root = Path.of(CloudTrailTargets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> built;
        try (Stream<Path> files = Files.walk(root.resolve("dev/vigil/collector"))) {
            built = files.map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .map(CloudTrailTargetsDeclaredTest::load)
                    .filter(c -> CloudTrailTargets.class.isAssignableFrom(c) && !c.isInterface()
                            && !Modifier.isAbstract(c.getModifiers()))
                    .map(Class::getName).sorted().toList();
        }
        List<String> declared = CloudTrailEventTargets.declarations().stream().map(d -> d.getClass().getName())
                .sorted().toList();
        assertThat(built).as("CloudTrailTargets classes of the build").isNotEmpty();
        assertThat(declared).as("CloudTrailTargets classes declared in " + SERVICES)
                .containsExactlyElementsOf(built);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, CloudTrailTargets.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
