package dev.vigil.report.generated;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CM-18's repository access list: for each repository, its visibility and who can read or write it: the
 * organisation's members through the default repository permission, each collaborator granted access directly
 * (members and outside collaborators) and each team, with the role GitHub states.
 */
@Singleton
public class RepositoryAccessList implements DocumentGenerator {
    static final String ORGANIZATION = "github.organization";
    static final String REPOSITORY_ACCESS = "github.repository_access";

    @Override
    public String controlId() {
        return "CM-18";
    }

    @Override
    public String documentType() {
        return "repository-access-list";
    }

    @Override
    public List<String> resourceTypes() {
        return List.of(ORGANIZATION, REPOSITORY_ACCESS);
    }

    @Override
    public String describes() {
        return "Every GitHub repository with its visibility and who can read or write it: the organisation's members "
                + "through the default repository permission, collaborators granted access directly (members and "
                + "outside collaborators) and teams, with the role GitHub states. A team's members are not listed.";
    }

    @Override
    public List<Map<String, Object>> entries(SourceData data) {
        List<SourceResource> organizations = data.of(ORGANIZATION);
        if (organizations.isEmpty()) {
            throw new IncompleteSourceException("the GitHub organisation's default repository permission was not read");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (SourceResource repo : data.of(REPOSITORY_ACCESS)) {
            String name = repo.text("repository");
            // github:<org>/<repo>:access belongs to the organisation github:<org>
            String orgKey = repo.resourceKey().substring(0, repo.resourceKey().indexOf('/'));
            SourceResource org = organizations.stream().filter(o -> o.resourceKey().equals(orgKey)).findFirst()
                    .orElseThrow(() -> new IncompleteSourceException("the organisation of " + name + " (" + orgKey
                            + ") was not read"));
            out.add(row(repo, "organization-members", org.text("organization"),
                    org.text("defaultRepositoryPermission")));
            Set<Object> outside = Entry.logins(repo, "outsideCollaborators");
            for (Map<String, Object> c : Entry.objects(repo, "directCollaborators")) {
                // GitHub's direct collaborators include the outside ones: those are listed once, as outside
                if (!outside.contains(c.get("login"))) {
                    out.add(row(repo, "collaborator", c.get("login"), role(c, name, c.get("login"))));
                }
            }
            for (Map<String, Object> c : Entry.objects(repo, "outsideCollaborators")) {
                out.add(row(repo, "outside-collaborator", c.get("login"), role(c, name, c.get("login"))));
            }
            for (Map<String, Object> t : Entry.objects(repo, "teams")) {
                out.add(row(repo, "team", t.get("slug"), role(Map.of("role", String.valueOf(t.get("permission"))),
                        name, t.get("slug"))));
            }
        }
        return out;
    }

    private static Map<String, Object> row(SourceResource repo, String granteeKind, Object grantee, Object role) {
        return Entry.of("repository", repo.text("repository")).with("visibility", repo.text("visibility"))
                .with("archived", repo.fact("archived")).with("granteeKind", granteeKind).with("grantee", grantee)
                .with("permission", role).from(repo);
    }

    private static Object role(Map<String, Object> grant, String repository, Object who) {
        Object role = grant.get("role");
        if (role == null || "null".equals(role)) {
            throw new IncompleteSourceException("the role of " + who + " on " + repository + " could not be read");
        }
        return role;
    }
}
