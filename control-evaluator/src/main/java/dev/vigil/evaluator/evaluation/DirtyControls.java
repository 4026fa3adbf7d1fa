package dev.vigil.evaluator.evaluation;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Control ids waiting for evaluation. */
@ApplicationScoped
public class DirtyControls {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    public void mark(String controlId) {
        ids.add(controlId);
    }

    public List<String> drain() {
        List<String> out = List.copyOf(new TreeSet<>(ids));
        out.forEach(ids::remove);
        return out;
    }
}
