package dev.vigil.report.generated;

import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LS-14's admin access list: every account holding an administrator role in the identity provider (Okta), every IAM
 * principal the AWS-managed AdministratorAccess policy is attached to (a group as the group: its members are not
 * collected), every GitHub organisation owner, and every person or team with admin on a repository. Okta roles that could not be read, or a repository admin flag GitHub
 * did not state, make the list incomplete: then it is not generated.
 */
@Singleton
public class AdminAccessList implements DocumentGenerator {
    static final String OKTA_USER = "okta.user";
    static final String IAM_ADMIN = "aws.iam.admin-principal";
    static final String GITHUB_MEMBER = "github.member";
    static final String REPOSITORY_ACCESS = "github.repository_access";

    @Override
    public String controlId() {
        return "LS-14";
    }

    @Override
    public String documentType() {
        return "admin-access-list";
    }

    @Override
    public List<String> resourceTypes() {
        return List.of(OKTA_USER, IAM_ADMIN, GITHUB_MEMBER, REPOSITORY_ACCESS);
    }

    @Override
    public String describes() {
        return "Accounts with administrative access, each with the role that grants it: Okta administrator roles, "
                + "IAM users, groups and roles with the AWS-managed AdministratorAccess policy, GitHub organisation "
                + "owners and repository admins (people, outside collaborators and teams). Not covered: the members "
                + "of an IAM group or a GitHub team (listed as the group or team), Entra ID and Google Workspace "
                + "administrator roles, custom IAM policies and Identity Center permission sets granting equivalent "
                + "rights.";
    }

    @Override
    public List<Map<String, Object>> entries(SourceData data) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SourceResource user : data.of(OKTA_USER)) {
            Object roles = user.fact("adminRoles");
            if (roles == null) {
                throw new IncompleteSourceException("the administrator roles of Okta user " + user.text("login")
                        + " could not be read");
            }
            for (Object role : (List<?>) roles) {
                out.add(Entry.of("system", "okta").with("account", user.text("login"))
                        .with("role", role.toString()).with("status", user.text("status")).from(user));
            }
        }
        for (SourceResource p : data.of(IAM_ADMIN)) {
            out.add(Entry.of("system", "aws:" + Entry.awsAccount(p))
                    .with("account", p.text("principalType") + "/" + p.text("name"))
                    .with("role", "AdministratorAccess (" + p.text("policyArn") + ")").with("status", null).from(p));
        }
        for (SourceResource m : data.of(GITHUB_MEMBER)) {
            if ("admin".equals(m.text("role"))) {
                out.add(Entry.of("system", "github").with("account", m.text("login"))
                        .with("role", "organization owner").with("status", null).from(m));
            }
        }
        for (SourceResource repo : data.of(REPOSITORY_ACCESS)) {
            String name = repo.text("repository");
            Set<Object> outside = Entry.logins(repo, "outsideCollaborators");
            for (Map<String, Object> c : Entry.objects(repo, "directCollaborators")) {
                // GitHub's direct collaborators include the outside ones: those are listed once, as outside
                if (!outside.contains(c.get("login")) && isAdmin(c, name, String.valueOf(c.get("login")))) {
                    out.add(Entry.of("system", "github").with("account", c.get("login"))
                            .with("role", "admin of repository " + name).with("status", null).from(repo));
                }
            }
            for (Map<String, Object> c : Entry.objects(repo, "outsideCollaborators")) {
                if (isAdmin(c, name, String.valueOf(c.get("login")))) {
                    out.add(Entry.of("system", "github").with("account", c.get("login"))
                            .with("role", "admin of repository " + name + " (outside collaborator)")
                            .with("status", null).from(repo));
                }
            }
            for (Map<String, Object> t : Entry.objects(repo, "teams")) {
                if (isAdmin(t, name, "team " + t.get("slug"))) {
                    out.add(Entry.of("system", "github").with("account", "team:" + t.get("slug"))
                            .with("role", "admin of repository " + name).with("status", null).from(repo));
                }
            }
        }
        return out;
    }

    private static boolean isAdmin(Map<String, Object> grant, String repository, String who) {
        Object admin = grant.get("admin");
        if (admin == null) {
            throw new IncompleteSourceException("whether " + who + " is an admin of " + repository
                    + " could not be read");
        }
        return Boolean.TRUE.equals(admin);
    }
}
