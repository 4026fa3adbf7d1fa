package dev.vigil.evaluator.evaluation;

import dev.vigil.evaluator.domain.Rule;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every built-in rule: each concrete {@link Rule} in {@code dev.vigil.evaluator.rules}, found on the class path, so
 * that a new rule class is in every test that needs them all without anyone adding it to a list.
 */
final class AllRules {
    static final String PACKAGE = "dev.vigil.evaluator.rules";

    private AllRules() {
    }

    static List<Rule> instances() {
        List<Rule> rules = new ArrayList<>();
        for (Class<?> type : classesOfThePackage()) {
            if (Rule.class.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                try {
                    rules.add((Rule) type.getDeclaredConstructor().newInstance());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("rule " + type.getName() + " has no constructor without arguments", e);
                }
            }
        }
        rules.sort(Comparator.comparing(Rule::id));
        return List.copyOf(rules);
    }

    private static List<Class<?>> classesOfThePackage() {
        String folder = PACKAGE.replace('.', '/');
        List<Class<?>> classes = new ArrayList<>();
        try {
            // folders when the module's own tests run: target/classes, and target/test-classes (the rules' tests)
            for (URL url : Collections.list(AllRules.class.getClassLoader().getResources(folder))) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                        String name = f.getFileName().toString();
                        classes.add(Class.forName(PACKAGE + "." + name.substring(0, name.length() - ".class".length())));
                    }
                }
            }
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the classes of " + PACKAGE, e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("no class of " + PACKAGE + " found on the class path");
        }
        return classes;
    }
}
