package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_ORG_MEMBERS;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_REPOSITORY_ACCESS;

/**
 * Who can administer every repository of an organisation, in few calls: the direct collaborators of up to {@value
 * RepositoryCollaborators#BATCH} repositories per GraphQL query ({@link RepositoryCollaborators}), the outside
 * collaborators among them told apart by the organisation's members list (already read for {@code github.member}),
 * and the teams read once per organisation ({@link TeamRepositories}). Every repository gets an answer: what was read,
 * or why it could not be (a failed or partial answer is never an empty list).
 */
final class RepositoryAccessReads {
    static final String TEAMS_OPERATION = "GET /orgs/{org}/teams";
    static final String TEAM_REPOS_OPERATION = "GET /orgs/{org}/teams/{team_slug}/repos";
    static final String MEMBERS_OPERATION = "GET /orgs/{org}/members";

    private RepositoryAccessReads() {
    }

    /** The organisation's members as read for {@code github.member}, or why they could not be. */
    record Members(List<JsonNode> list, IOException error) {
        static Members read(GitHubRest rest, String org, int pageSize) {
            try {
                return new Members(rest.list("/orgs/" + org + "/members", pageSize), null);
            } catch (IOException e) {
                return new Members(null, e);
            }
        }
    }

    /** A raw answer to cite: operation, parameters and the key the run kept it under. */
    record Cited(String operation, Map<String, String> parameters, String rawKey) {
    }

    /** One repository's access: read ({@code reason} null) with the answers it came from (the first the main one). */
    record Access(List<RepositoryAccessFacts.Person> outside, List<RepositoryAccessFacts.Person> direct,
                  List<RepositoryAccessFacts.Team> teams, List<Cited> sources, String reason, String permission) {
        static Access unread(String reason, String permission) {
            return new Access(null, null, null, List.of(), reason, permission);
        }

        boolean read() {
            return reason == null;
        }
    }

    /** By repository {@code full_name}: every repository of {@code repositories} (the organisation's listing). */
    static Map<String, Access> read(GitHubRest rest, String org, int pageSize, List<JsonNode> repositories,
                                    Members members) {
        Map<String, Access> out = new LinkedHashMap<>();
        List<String> names = repositories.stream().map(r -> r.path("name").asText()).toList();
        // keyed as GitHub spells them (the configured organisation may differ in case)
        Map<String, String> fullNames = new LinkedHashMap<>();
        repositories.forEach(r -> fullNames.put(r.path("name").asText(), r.path("full_name").asText()));
        if (members.error() != null) {
            String reason = "cannot tell which direct collaborators are outside collaborators: the members of " + org
                    + " could not be read: " + GitHubErrors.reason(members.error());
            String permission = GitHubErrors.denied(members.error()) ? PERMISSION_ORG_MEMBERS : null;
            names.forEach(n -> out.put(fullNames.get(n), Access.unread(reason, permission)));
            return out;
        }
        Set<String> memberLogins = new HashSet<>();
        members.list().forEach(m -> memberLogins.add(m.path("login").asText().toLowerCase(Locale.ROOT)));

        Map<String, List<TeamRepositories.Grant>> teams = TeamRepositories.empty();
        try {
            for (GitHubRest.Page page : rest.pages("/orgs/" + org + "/teams", pageSize)) {
                for (JsonNode team : page.items()) {
                    TeamRepositories.add(teams, team, page.rawKey(), rest.pages("/orgs/" + org + "/teams/"
                            + team.path("slug").asText() + "/repos", pageSize));
                }
            }
        } catch (IOException e) {
            // a team unread could hold admin anywhere: no repository's list is whole
            String reason = "cannot read the teams of " + org + " and their repositories: " + GitHubErrors.reason(e);
            String permission = GitHubErrors.denied(e) ? PERMISSION_REPOSITORY_ACCESS : null;
            names.forEach(n -> out.put(fullNames.get(n), Access.unread(reason, permission)));
            return out;
        }

        String membersKey = rest.rawKey("/orgs/" + org + "/members", pageSize);
        for (int from = 0; from < names.size(); from += RepositoryCollaborators.BATCH) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + RepositoryCollaborators.BATCH));
            String key = RepositoryCollaborators.batchRawKey(batch.get(0), batch.size());
            String query = "GraphQL query repository.collaborators(affiliation: DIRECT) for " + batch.size()
                    + " repositories of " + org + " (from " + batch.get(0) + ")";
            Map<String, RepositoryCollaborators.Result> results;
            try {
                results = RepositoryCollaborators.parseBatch(rest.graphql(RepositoryCollaborators.batchQuery(
                        batch.size()), RepositoryCollaborators.batchVariables(org, batch), key), batch);
            } catch (IOException e) {
                String permission = GitHubErrors.denied(e) ? PERMISSION_REPOSITORY_ACCESS : null;
                batch.forEach(n -> out.put(fullNames.get(n), Access.unread("cannot read the direct collaborators of "
                        + org + "/" + n + ": " + query + " failed: " + GitHubErrors.reason(e), permission)));
                continue;
            }
            for (int i = 0; i < batch.size(); i++) {
                String name = batch.get(i);
                List<Cited> sources = new ArrayList<>();
                sources.add(new Cited(RepositoryCollaborators.OPERATION, collaboratorParameters(org, name,
                        RepositoryCollaborators.alias(i), null), key));
                Collaborators read = collaborators(rest, org, name, query, results.get(name), sources);
                if (read.failure() != null) {
                    out.put(fullNames.get(name), read.failure());
                    continue;
                }
                // outside collaborators are the direct ones who are not members (GitHub's own definition)
                sources.add(new Cited(MEMBERS_OPERATION, Map.of("org", org), membersKey));
                List<RepositoryAccessFacts.Person> direct = read.all().stream().map(c ->
                        new RepositoryAccessFacts.Person(c.login(), c.role(), c.admin())).toList();
                List<RepositoryAccessFacts.Person> outside = direct.stream()
                        .filter(p -> !memberLogins.contains(p.login().toLowerCase(Locale.ROOT))).toList();
                List<TeamRepositories.Grant> grants = teams.getOrDefault(fullNames.get(name), List.of());
                Set<Cited> teamSources = new LinkedHashSet<>();
                for (TeamRepositories.Grant g : grants) {
                    teamSources.add(new Cited(TEAMS_OPERATION, Map.of("org", org), g.teamsPageKey()));
                    teamSources.add(new Cited(TEAM_REPOS_OPERATION, Map.of("org", org, "team_slug", g.team().slug()),
                            g.reposPageKey()));
                }
                sources.addAll(teamSources);
                out.put(fullNames.get(name), new Access(outside, direct,
                        grants.stream().map(TeamRepositories.Grant::team).toList(), sources, null, null));
            }
        }
        return out;
    }

    /** Every page of a repository's direct collaborators, or why they could not all be read. */
    private record Collaborators(List<RepositoryCollaborators.Collaborator> all, Access failure) {
    }

    /**
     * The first page from the batch, then the repository's further pages (each its own query), added to {@code
     * sources}.
     */
    private static Collaborators collaborators(GitHubRest rest, String org, String name, String query,
                                               RepositoryCollaborators.Result first, List<Cited> sources) {
        List<RepositoryCollaborators.Collaborator> all = new ArrayList<>();
        RepositoryCollaborators.Result page = first;
        Set<String> cursors = new HashSet<>();
        while (true) {
            if (page.unread() != null) {
                return new Collaborators(null, Access.unread("cannot read the direct collaborators of " + org + "/"
                        + name + ": " + query + " answered: " + page.unread(),
                        page.denied() ? PERMISSION_REPOSITORY_ACCESS : null));
            }
            all.addAll(page.collaborators());
            String after = page.nextCursor();
            if (after == null) {
                return new Collaborators(all, null);
            }
            if (!cursors.add(after)) { // a repeated cursor would loop forever
                return new Collaborators(null, Access.unread("cannot read the direct collaborators of " + org + "/"
                        + name + ": " + query + " gave the cursor " + after + " twice", null));
            }
            String key = RepositoryCollaborators.nextPageRawKey(name, after);
            query = "GraphQL query repository.collaborators(affiliation: DIRECT, after: \"" + after + "\") for "
                    + org + "/" + name;
            try {
                page = RepositoryCollaborators.parseNextPage(rest.graphql(RepositoryCollaborators.NEXT_PAGE_QUERY,
                        RepositoryCollaborators.nextPageVariables(org, name, after), key), name);
            } catch (IOException e) {
                return new Collaborators(null, Access.unread("cannot read the direct collaborators of " + org + "/"
                        + name + ": " + query + " failed: " + GitHubErrors.reason(e),
                        GitHubErrors.denied(e) ? PERMISSION_REPOSITORY_ACCESS : null));
            }
            sources.add(new Cited(RepositoryCollaborators.OPERATION, collaboratorParameters(org, name, null, after),
                    key));
        }
    }

    /** A collaborators query's parameters as cited: the repository, its alias in a batch, the page's cursor. */
    static Map<String, String> collaboratorParameters(String org, String name, String alias, String after) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("owner", org);
        p.put("repo", name);
        p.put("affiliation", "DIRECT");
        p.put("first", Integer.toString(RepositoryCollaborators.PAGE_SIZE));
        if (alias != null) {
            p.put("alias", alias);
        }
        if (after != null) {
            p.put("after", after);
        }
        return p;
    }
}
