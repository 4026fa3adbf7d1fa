package dev.vigil.report.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The four access-review controls and which collected accesses each one reviews (docs/access-reviews.md). Adding a
 * source of accounts to a review means adding its resource type to the reader of the controls that review it. Pure.
 */
public enum ReviewScope {
    /** Quarterly: who can change source code (write, maintain or admin on a repository, organisation owners). */
    CM_01("CM-01", "access-review", ReviewScope::codeChangeAccess),
    /** Quarterly: every account in the in-scope systems. */
    LS_24("LS-24", "access-review", ReviewScope::userAccess),
    /** Semi-annually: external users (outside collaborators, guest accounts). */
    LS_10("LS-10", "external-access-review", ReviewScope::externalAccess),
    /** Administrators everywhere: identity-provider admin roles, GitHub owners and repository admins, AWS admins. */
    LS_14("LS-14", "admin-access-list", ReviewScope::adminAccess);

    /** GitHub roles and team permissions that can change code; a custom role's name is reviewed as if it could. */
    private static final Set<String> READ_ONLY = Set.of("read", "pull", "triage");
    private static final Set<String> OKTA_GONE = Set.of("DEPROVISIONED", "SUSPENDED");

    private final String controlId;
    private final String documentType;
    private final Function<CollectedAccount, List<Access>> reader;

    ReviewScope(String controlId, String documentType, Function<CollectedAccount, List<Access>> reader) {
        this.controlId = controlId;
        this.documentType = documentType;
        this.reader = reader;
    }

    public String controlId() {
        return controlId;
    }

    /** The control's document a completed campaign stands for. */
    public String documentType() {
        return documentType;
    }

    public static Optional<ReviewScope> of(String controlId) {
        return Arrays.stream(values()).filter(s -> s.controlId.equals(controlId)).findFirst();
    }

    /** The resource types any review reads. */
    public static List<String> resourceTypes() {
        return List.of("okta.user", "entra.user", "google.user", "github.member", "github.repository_access",
                "aws.iam.user", "aws.identitycenter.user");
    }

    /** The accesses of one collected account this review covers (none when it reviews nothing of it). */
    public List<Access> accessOf(CollectedAccount account) {
        return reader.apply(account);
    }

    private static List<Access> codeChangeAccess(CollectedAccount a) {
        List<Access> out = new ArrayList<>();
        switch (a.resourceType()) {
            case "github.member" -> {
                if ("admin".equals(a.text("role"))) {
                    out.add(Access.of(a, "github", a.text("login"), a.text("email"), "organisation owner"));
                }
            }
            case "github.repository_access" -> repositoryGrants(a, out, false, false);
            default -> {
            }
        }
        return out;
    }

    private static List<Access> userAccess(CollectedAccount a) {
        List<Access> out = new ArrayList<>();
        switch (a.resourceType()) {
            case "okta.user", "entra.user", "google.user" -> identityProviderAccount(a)
                    .ifPresent(ap -> out.add(Access.of(a, ap.system, ap.name, ap.email, ap.system + " account")));
            case "github.member" -> out.add(Access.of(a, "github", a.text("login"), a.text("email"),
                    "GitHub " + Optional.ofNullable(a.text("role")).orElse("member").replace('_', ' ')));
            case "aws.iam.user" -> {
                if (iamUserActive(a)) {
                    out.add(Access.of(a, "aws", a.text("user"), a.text("emailTag"), "IAM user"));
                }
            }
            case "aws.identitycenter.user" -> identityCenterAssignments(a, out, false);
            case "github.repository_access" -> repositoryGrants(a, out, true, false);
            default -> {
            }
        }
        return out;
    }

    private static List<Access> externalAccess(CollectedAccount a) {
        List<Access> out = new ArrayList<>();
        switch (a.resourceType()) {
            case "github.member" -> {
                if ("outside_collaborator".equals(a.text("role"))) {
                    out.add(Access.of(a, "github", a.text("login"), a.text("email"),
                            "GitHub outside collaborator"));
                }
            }
            case "github.repository_access" -> repositoryGrants(a, out, true, true);
            case "entra.user" -> {
                if ("guest".equalsIgnoreCase(a.text("userType")) && a.flag("accountEnabled")) {
                    out.add(Access.of(a, "entra", a.text("userPrincipalName"), a.text("email"),
                            "Entra ID guest account"));
                }
            }
            default -> {
            }
        }
        return out;
    }

    private static List<Access> adminAccess(CollectedAccount a) {
        List<Access> out = new ArrayList<>();
        switch (a.resourceType()) {
            case "okta.user" -> identityProviderAccount(a).ifPresent(ap -> {
                if (a.facts().get("adminRoles") instanceof List<?> roles && !roles.isEmpty()) {
                    out.add(Access.of(a, "okta", ap.name, ap.email, "Okta administrator roles " + join(roles)));
                }
            });
            case "entra.user" -> identityProviderAccount(a).ifPresent(ap -> {
                if (a.flag("admin")) {
                    out.add(Access.of(a, "entra", ap.name, ap.email, "Entra ID administrator"));
                }
            });
            case "google.user" -> identityProviderAccount(a).ifPresent(ap -> {
                if (a.flag("admin") || a.flag("delegatedAdmin")) {
                    out.add(Access.of(a, "google", ap.name, ap.email, a.flag("admin")
                            ? "Google Workspace super administrator" : "Google Workspace delegated administrator"));
                }
            });
            case "github.member" -> {
                if ("admin".equals(a.text("role"))) {
                    out.add(Access.of(a, "github", a.text("login"), a.text("email"), "organisation owner"));
                }
            }
            case "github.repository_access" -> repositoryAdmins(a, out);
            case "aws.identitycenter.user" -> identityCenterAssignments(a, out, true);
            default -> {
            }
        }
        return out;
    }

    private record IdpAccount(String system, String name, String email) {
    }

    /** An identity-provider account that can sign in; one that cannot is no access to review. */
    private static Optional<IdpAccount> identityProviderAccount(CollectedAccount a) {
        return switch (a.resourceType()) {
            case "okta.user" -> a.text("status") == null || OKTA_GONE.contains(a.text("status")) ? Optional.empty()
                    : Optional.of(new IdpAccount("okta", a.text("login"), a.text("email")));
            case "entra.user" -> a.flag("accountEnabled")
                    ? Optional.of(new IdpAccount("entra", a.text("userPrincipalName"), a.text("email")))
                    : Optional.empty();
            case "google.user" -> a.flag("suspended") || a.flag("archived") ? Optional.empty()
                    : Optional.of(new IdpAccount("google", a.text("email"), a.text("email")));
            default -> Optional.empty();
        };
    }

    private static boolean iamUserActive(CollectedAccount a) {
        return a.flag("consoleAccess") || a.facts().get("accessKeys") instanceof List<?> keys && keys.stream()
                .anyMatch(k -> k instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("active")));
    }

    /** Direct and outside collaborators (and teams) who can change the repository's code. */
    private static void repositoryGrants(CollectedAccount a, List<Access> out, boolean anyRole, boolean outsideOnly) {
        String repository = a.text("repository");
        for (Map<?, ?> c : maps(a.facts().get("outsideCollaborators"))) {
            String role = role(c.get("role"), c.get("admin"));
            if (anyRole || canWrite(role)) {
                out.add(Access.of(a, "github", text(c.get("login")), null,
                        "outside collaborator, " + role + " on " + repository));
            }
        }
        if (outsideOnly) {
            return;
        }
        for (Map<?, ?> c : maps(a.facts().get("directCollaborators"))) {
            String role = role(c.get("role"), c.get("admin"));
            if (anyRole || canWrite(role)) {
                out.add(Access.of(a, "github", text(c.get("login")), null, role + " on " + repository));
            }
        }
        for (Map<?, ?> t : maps(a.facts().get("teams"))) {
            String permission = role(t.get("permission"), t.get("admin"));
            if (anyRole || canWrite(permission)) {
                out.add(Access.of(a, "github", "team " + text(t.get("slug")), null,
                        "team " + permission + " on " + repository));
            }
        }
    }

    private static void repositoryAdmins(CollectedAccount a, List<Access> out) {
        String repository = a.text("repository");
        for (String list : List.of("outsideCollaborators", "directCollaborators")) {
            for (Map<?, ?> c : maps(a.facts().get(list))) {
                if (Boolean.TRUE.equals(c.get("admin")) || "admin".equals(c.get("role"))) {
                    out.add(Access.of(a, "github", text(c.get("login")), null,
                            (list.startsWith("outside") ? "outside collaborator, " : "") + "admin on " + repository));
                }
            }
        }
        for (Map<?, ?> t : maps(a.facts().get("teams"))) {
            if (Boolean.TRUE.equals(t.get("admin")) || "admin".equals(t.get("permission"))) {
                out.add(Access.of(a, "github", "team " + text(t.get("slug")), null, "team admin on " + repository));
            }
        }
    }

    /** Each AWS account an Identity Center user reaches, as which permission set; admins: an admin permission set. */
    private static void identityCenterAssignments(CollectedAccount a, List<Access> out, boolean adminsOnly) {
        if (!"ENABLED".equals(a.text("status")) && !a.flag("active")) {
            return;
        }
        for (Map<?, ?> assignment : maps(a.facts().get("accountAssignments"))) {
            String permissionSet = text(assignment.get("permissionSet"));
            if (adminsOnly && (permissionSet == null
                    || !permissionSet.toLowerCase(Locale.ROOT).contains("admin"))) {
                continue;
            }
            out.add(Access.of(a, "aws-identity-center", a.text("userName"), a.text("email"),
                    "AWS account " + text(assignment.get("accountId")) + " as " + permissionSet));
        }
    }

    private static boolean canWrite(String role) {
        return !READ_ONLY.contains(role);
    }

    /** GitHub's role name; when absent, admin or unknown (reviewed, never silently dropped). */
    private static String role(Object role, Object admin) {
        if (role instanceof String r && !r.isBlank()) {
            return r;
        }
        return Boolean.TRUE.equals(admin) ? "admin" : "unstated role";
    }

    private static List<Map<?, ?>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(m -> (Map<?, ?>) m).toList();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String join(List<?> values) {
        return String.join(", ", values.stream().map(String::valueOf).toList());
    }
}
