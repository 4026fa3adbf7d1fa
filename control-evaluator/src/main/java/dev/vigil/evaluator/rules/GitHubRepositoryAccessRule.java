package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Base for rules over who can administer a repository ({@code github.repository_access}). Archived repositories
 * stay in scope: an administrator can unarchive, transfer or delete one.
 */
abstract class GitHubRepositoryAccessRule implements Rule {
    static final String RESOURCE_TYPE = "github.repository_access";

    @Override
    public String resourceType() {
        return RESOURCE_TYPE;
    }

    /** One person or team of a list fact, with whether they hold admin (null: GitHub did not say). */
    record Grant(String name, String role, Boolean admin) {
        String described() {
            return role == null ? name : name + " (" + role + ")";
        }
    }

    /** The entries of a list fact, each named by {@code nameFact}; an entry without its name is a missing fact. */
    @SuppressWarnings("unchecked")
    static List<Grant> grants(Facts facts, String list, String nameFact, String roleFact) {
        List<Grant> grants = new ArrayList<>();
        for (Object entry : facts.list(list)) {
            Facts e = new Facts(entry instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
            Object role = e.values().get(roleFact);
            Object admin = e.values().get("admin");
            grants.add(new Grant(e.string(nameFact), role instanceof String r ? r : null,
                    admin instanceof Boolean b ? b : null));
        }
        return grants;
    }

    /** The names of those whose admin was not read, or an empty list. */
    static List<String> unread(List<Grant> grants) {
        return grants.stream().filter(g -> g.admin() == null).map(Grant::name).toList();
    }
}
