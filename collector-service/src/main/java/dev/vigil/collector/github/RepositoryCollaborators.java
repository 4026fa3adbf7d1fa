package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The direct collaborators of many repositories in one GraphQL query: {@code repository(owner, name) {
 * collaborators(affiliation: DIRECT) }} under one alias per repository ({@code r0}, {@code r1}, ...), up to
 * {@link #BATCH} repositories a query, instead of three REST listings per repository. A repository with more
 * collaborators than one page holds is followed by a query of its own ({@link #NEXT_PAGE_QUERY}). Each edge's
 * {@code permission} is the highest the person holds from every source, as REST's {@code role_name} is. Parsing only,
 * no I/O: the queries are sent by {@link RepositoryAccessReads}.
 *
 * <p>GraphQL answers partially: a repository the credential cannot see comes back as its alias {@code null} beside
 * an {@code errors} entry ({@code type: NOT_FOUND}, {@code path: ["r3"]}), and the others still answer. Such a
 * repository, or one whose list is cut short, is {@link Result#unread() unread}, never an empty list.
 */
final class RepositoryCollaborators {
    static final int BATCH = 50;
    static final int PAGE_SIZE = 100;
    /** What the evidence cites as the operation (GraphQL has one URL: the query is named in words). */
    static final String OPERATION = "POST /graphql (repository collaborators)";
    private static final String FIELDS = """
            name
                collaborators(affiliation: DIRECT, first: $first%s) {
                  pageInfo { hasNextPage endCursor }
                  edges { permission node { login } }
                }""";
    static final String NEXT_PAGE_QUERY = """
            query($owner: String!, $name: String!, $first: Int!, $after: String) {
              repository(owner: $owner, name: $name) {
                %s
              }
            }""".formatted(FIELDS.formatted(", after: $after"));

    private RepositoryCollaborators() {
    }

    /** One direct collaborator: login and GraphQL's permission ({@code ADMIN}, {@code MAINTAIN}, ...; null if absent). */
    record Collaborator(String login, String permission) {
        /** REST's {@code role_name} for the same grant: {@code admin}, {@code maintain}, {@code write}, ... */
        String role() {
            return permission == null ? null : permission.toLowerCase(Locale.ROOT);
        }

        /** Null when GitHub did not say (unknown, never "no"). */
        Boolean admin() {
            return permission == null ? null : "ADMIN".equals(permission);
        }
    }

    /**
     * What one answer said of one repository.
     *
     * @param collaborators the page's collaborators (null when unread)
     * @param nextCursor    the cursor of its next page, or null when this was the last
     * @param unread        why the repository's list cannot be used (null when it can): the query's errors for it,
     *                      or what came back instead of a list
     * @param denied        whether GitHub said a permission was missing ({@code FORBIDDEN}, {@code INSUFFICIENT_SCOPES})
     */
    record Result(List<Collaborator> collaborators, String nextCursor, String unread, boolean denied) {
        static Result unread(String why, boolean denied) {
            return new Result(null, null, why, denied);
        }
    }

    /** The query for a batch of repositories of {@code owner}, in order: alias {@code r<i>} reads {@code names[i]}. */
    static String batchQuery(int repositories) {
        if (repositories < 1 || repositories > BATCH) {
            throw new IllegalArgumentException("a batch holds 1 to " + BATCH + " repositories, not " + repositories);
        }
        StringBuilder q = new StringBuilder("query($owner: String!, $first: Int!");
        for (int i = 0; i < repositories; i++) {
            q.append(", $n").append(i).append(": String!");
        }
        q.append(") {\n");
        for (int i = 0; i < repositories; i++) {
            q.append("  ").append(alias(i)).append(": repository(owner: $owner, name: $n").append(i).append(") {\n    ")
                    .append(FIELDS.formatted("")).append("\n  }\n");
        }
        return q.append('}').toString();
    }

    static Map<String, Object> batchVariables(String owner, List<String> names) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("owner", owner);
        v.put("first", PAGE_SIZE);
        for (int i = 0; i < names.size(); i++) {
            v.put("n" + i, names.get(i));
        }
        return v;
    }

    static Map<String, Object> nextPageVariables(String owner, String name, String after) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("owner", owner);
        v.put("name", name);
        v.put("first", PAGE_SIZE);
        v.put("after", after);
        return v;
    }

    static String alias(int i) {
        return "r" + i;
    }

    /** A batch answer, by repository name (every name asked has a result). */
    static Map<String, Result> parseBatch(JsonNode answer, List<String> names) {
        Map<String, String> byAlias = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byAlias.put(alias(i), names.get(i));
        }
        return parse(answer, byAlias);
    }

    /** A {@link #NEXT_PAGE_QUERY} answer for one repository. */
    static Result parseNextPage(JsonNode answer, String name) {
        return parse(answer, Map.of("repository", name)).get(name);
    }

    private static Map<String, Result> parse(JsonNode answer, Map<String, String> byAlias) {
        // errors by the alias their path starts with; an error without one concerns the whole query
        Map<String, List<JsonNode>> errors = new LinkedHashMap<>();
        List<JsonNode> general = new ArrayList<>();
        for (JsonNode e : answer.path("errors")) {
            String first = e.path("path").path(0).asText("");
            if (byAlias.containsKey(first)) {
                errors.computeIfAbsent(first, a -> new ArrayList<>()).add(e);
            } else {
                general.add(e);
            }
        }
        Map<String, Result> results = new LinkedHashMap<>();
        byAlias.forEach((alias, name) -> {
            List<JsonNode> own = new ArrayList<>(errors.getOrDefault(alias, List.of()));
            own.addAll(general);
            JsonNode repository = answer.path("data").path(alias);
            results.put(name, own.isEmpty() ? read(repository, alias, name) : Result.unread(describe(own), denied(own)));
        });
        return results;
    }

    private static Result read(JsonNode repository, String alias, String name) {
        if (!repository.isObject()) {
            return Result.unread("the answer has no repository " + name + " (" + alias + ": "
                    + (repository.isMissingNode() ? "absent" : repository.toString()) + ")", false);
        }
        JsonNode connection = repository.path("collaborators");
        if (!connection.path("edges").isArray()) {
            return Result.unread("the answer has no collaborators list for " + name + " (collaborators: "
                    + connection + ")", false);
        }
        List<Collaborator> collaborators = new ArrayList<>();
        for (JsonNode edge : connection.path("edges")) {
            String login = edge.path("node").path("login").asText("");
            if (login.isBlank()) {
                return Result.unread("an entry of " + name + "'s collaborators names nobody (" + edge + ")", false);
            }
            collaborators.add(new Collaborator(login, edge.hasNonNull("permission")
                    ? edge.get("permission").asText() : null));
        }
        JsonNode pageInfo = connection.path("pageInfo");
        boolean more = pageInfo.path("hasNextPage").asBoolean(false);
        if (more && !pageInfo.hasNonNull("endCursor")) {
            return Result.unread(name + "'s collaborators have a next page but no cursor to ask it with", false);
        }
        return new Result(collaborators, more ? pageInfo.get("endCursor").asText() : null, null, false);
    }

    /** GraphQL's errors as "TYPE: message" (the path too when there is one), for the failure's reason. */
    private static String describe(List<JsonNode> errors) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : errors) {
            String type = e.hasNonNull("type") ? e.get("type").asText() + ": " : "";
            String path = e.path("path").isArray() && !e.path("path").isEmpty() ? " (path " + e.get("path") + ")" : "";
            out.add(type + e.path("message").asText(e.toString()) + path);
        }
        return String.join("; ", out);
    }

    private static boolean denied(List<JsonNode> errors) {
        return errors.stream().map(e -> e.path("type").asText("")).anyMatch(t -> t.equals("FORBIDDEN")
                || t.equals("INSUFFICIENT_SCOPES"));
    }

    /** The raw-response key of a batch: GraphQL answers share one URL, so the first repository asked tells them apart. */
    static String batchRawKey(String firstName, int size) {
        return "POST /graphql repository.collaborators(DIRECT) batch from=" + firstName + " size=" + size;
    }

    static String nextPageRawKey(String name, String after) {
        return "POST /graphql repository.collaborators(DIRECT) repository=" + name + " after=" + after;
    }
}
