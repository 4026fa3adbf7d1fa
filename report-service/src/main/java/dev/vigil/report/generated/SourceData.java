package dev.vigil.report.generated;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a generator reads: the resources in scope of each resource type that a complete collection read, and the
 * types no collection ever read (a system not connected, which the document names rather than hides).
 */
public record SourceData(Map<String, List<SourceResource>> resources, Set<String> notCollected) {

    public List<SourceResource> of(String resourceType) {
        return resources.getOrDefault(resourceType, List.of());
    }
}
