package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_ORG_ADMIN;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_ORG_MEMBERS;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TYPE_MEMBER;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TYPE_ORGANIZATION;

/**
 * The organisation ({@code github.organization}) and its people ({@code github.member}: members with their role,
 * and outside collaborators). Who lacks two-factor authentication comes from {@code filter=2fa_disabled}, which
 * only an owner may ask: a refusal there is a failure naming that permission, never an empty list.
 */
final class OrganizationScan {
    private final GitHubRest rest;
    private final CollectionContext context;
    private final String org;
    private final int pageSize;

    OrganizationScan(GitHubRest rest, CollectionContext context, String org, int pageSize) {
        this.rest = rest;
        this.context = context;
        this.org = org;
        this.pageSize = pageSize;
    }

    static String orgKey(String org) {
        return "github:" + org;
    }

    static String memberKey(String org, String login) {
        return "github:" + org + ":member:" + login;
    }

    void run() {
        String base = "/orgs/" + org;
        JsonNode orgJson;
        List<JsonNode> members;
        List<JsonNode> owners;
        List<JsonNode> outside;
        try {
            orgJson = rest.get(base);
            members = rest.list(base + "/members", pageSize);
            owners = rest.list(base + "/members?role=admin", pageSize);
            outside = rest.list(base + "/outside_collaborators", pageSize);
        } catch (IOException e) {
            String permission = GitHubErrors.denied(e) ? PERMISSION_ORG_MEMBERS : null;
            for (String type : List.of(TYPE_ORGANIZATION, TYPE_MEMBER)) {
                context.failure(new RunFailure(type, null, "cannot read the people of organisation " + org + ": "
                        + GitHubErrors.reason(e), permission));
            }
            return;
        }
        List<JsonNode> membersNo2fa = null;
        List<JsonNode> outsideNo2fa = null;
        try {
            membersNo2fa = rest.list(base + "/members?filter=2fa_disabled", pageSize);
            outsideNo2fa = rest.list(base + "/outside_collaborators?filter=2fa_disabled", pageSize);
        } catch (IOException e) {
            context.failure(new RunFailure(TYPE_ORGANIZATION, orgKey(org), "cannot tell who in " + org
                    + " lacks two-factor authentication (only owners may ask): " + GitHubErrors.reason(e),
                    GitHubErrors.deniedOrOwnersOnly(e) ? PERMISSION_ORG_ADMIN : null));
        }
        boolean twoFactorKnown = membersNo2fa != null && outsideNo2fa != null;
        OrganizationFacts.People people = new OrganizationFacts.People(members, owners,
                twoFactorKnown ? membersNo2fa : List.of(), outside, twoFactorKnown ? outsideNo2fa : List.of());

        Map<String, String> orgParameter = Map.of("org", org);
        if (!OrganizationFacts.settingsVisible(orgJson)) {
            context.failure(new RunFailure(TYPE_ORGANIZATION, orgKey(org), "GitHub does not show the two-factor "
                    + "requirement of " + org + " to this credential (only owners see it)", PERMISSION_ORG_ADMIN));
        } else if (twoFactorKnown) {
            // the settings come from the organisation itself, the people from these lists (their first pages)
            List<Provenance.Citation> supporting = new ArrayList<>();
            cite(supporting, "GET /orgs/{org}/members", base + "/members", orgParameter);
            cite(supporting, "GET /orgs/{org}/members?role=admin", base + "/members?role=admin", orgParameter);
            cite(supporting, "GET /orgs/{org}/members?filter=2fa_disabled", base + "/members?filter=2fa_disabled",
                    orgParameter);
            cite(supporting, "GET /orgs/{org}/outside_collaborators", base + "/outside_collaborators", orgParameter);
            cite(supporting, "GET /orgs/{org}/outside_collaborators?filter=2fa_disabled",
                    base + "/outside_collaborators?filter=2fa_disabled", orgParameter);
            RawResponse settings = context.raw().get(rest.rawKey(base)).orElse(null);
            context.evidence(TYPE_ORGANIZATION, orgKey(org), OrganizationFacts.of(orgJson, people),
                    context.provenance("GET /orgs/{org}", orgParameter, settings, supporting));
        }
        // a member's role comes from the owners list, anyone's two-factor state from the 2fa_disabled list
        List<Provenance.Citation> memberSources = new ArrayList<>();
        cite(memberSources, "GET /orgs/{org}/members?role=admin", base + "/members?role=admin", orgParameter);
        List<Provenance.Citation> outsideSources = new ArrayList<>();
        if (twoFactorKnown) {
            cite(memberSources, "GET /orgs/{org}/members?filter=2fa_disabled", base + "/members?filter=2fa_disabled",
                    orgParameter);
            cite(outsideSources, "GET /orgs/{org}/outside_collaborators?filter=2fa_disabled",
                    base + "/outside_collaborators?filter=2fa_disabled", orgParameter);
        }
        emit(members, null, people, twoFactorKnown, "GET /orgs/{org}/members", base + "/members", memberSources);
        emit(outside, OrganizationFacts.ROLE_OUTSIDE, people, twoFactorKnown, "GET /orgs/{org}/outside_collaborators",
                base + "/outside_collaborators", outsideSources);
    }

    private void emit(List<JsonNode> users, String role, OrganizationFacts.People people, boolean twoFactorKnown,
                      String operation, String path, List<Provenance.Citation> supporting) {
        RawResponse page = context.raw().get(rest.rawKey(path, pageSize)).orElse(null);
        for (JsonNode user : users) {
            String login = user.path("login").asText();
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("org", org);
            parameters.put("login", login);
            context.evidence(TYPE_MEMBER, memberKey(org, login),
                    OrganizationFacts.member(user, role != null ? role : people.role(user), people, twoFactorKnown),
                    context.provenance(operation, parameters, page, supporting));
        }
    }

    private void cite(List<Provenance.Citation> to, String operation, String path, Map<String, String> parameters) {
        context.raw().get(rest.rawKey(path, pageSize)).ifPresent(r -> to.add(r.cite(operation, parameters)));
    }
}
