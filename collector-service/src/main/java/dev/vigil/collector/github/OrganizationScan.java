package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import dev.vigil.common.evidence.RunFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_ORG_ADMIN;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_ORG_IDENTITIES;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.PERMISSION_ORG_MEMBERS;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TYPE_MEMBER;
import static dev.vigil.collector.github.GitHubBranchProtectionCollector.TYPE_ORGANIZATION;

/**
 * The organisation ({@code github.organization}) and its people ({@code github.member}: members with their role,
 * and outside collaborators). Who lacks two-factor authentication comes from {@code filter=2fa_disabled}, which
 * only an owner may ask: a refusal there is a failure naming that permission, never an empty list. Each person's
 * e-mail address comes from the organisation's SAML identities, verified-domain e-mails or the operator's mapping
 * file ({@link MemberIdentities}); when those cannot be read it is unknown ({@code identitiesRead: false}) and the
 * run reports it, never a guess.
 */
final class OrganizationScan {
    private static final String SAML_OPERATION = "POST /graphql (SAML identities)";
    private static final String DOMAIN_OPERATION = "POST /graphql (verified-domain e-mails)";
    private static final String MAPPING_OPERATION = "identity mapping file";

    private final GitHubRest rest;
    private final CollectionContext context;
    private final String org;
    private final int pageSize;
    private final String mappingFile;

    /** @param mappingFile the operator's login-to-e-mail file, or null */
    OrganizationScan(GitHubRest rest, CollectionContext context, String org, int pageSize, String mappingFile) {
        this.rest = rest;
        this.context = context;
        this.org = org;
        this.pageSize = pageSize;
        this.mappingFile = mappingFile;
    }

    static String orgKey(String org) {
        return "github:" + org;
    }

    static String memberKey(String org, String login) {
        return "github:" + org + ":member:" + login;
    }

    /** Publishes the organisation and its people; returns the members list as read (for repositories' access). */
    RepositoryAccessReads.Members run() {
        String base = "/orgs/" + org;
        JsonNode orgJson;
        List<JsonNode> members = null; // kept when a later list fails: repositories' access needs only it
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
            return members != null ? new RepositoryAccessReads.Members(members, null)
                    : new RepositoryAccessReads.Members(null, e);
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
        Identities identities = readIdentities(members);
        emit(members, null, people, twoFactorKnown, "GET /orgs/{org}/members", base + "/members", memberSources,
                identities);
        emit(outside, OrganizationFacts.ROLE_OUTSIDE, people, twoFactorKnown, "GET /orgs/{org}/outside_collaborators",
                base + "/outside_collaborators", outsideSources, identities);
        return new RepositoryAccessReads.Members(members, null);
    }

    private void emit(List<JsonNode> users, String role, OrganizationFacts.People people, boolean twoFactorKnown,
                      String operation, String path, List<Provenance.Citation> supporting, Identities identities) {
        RawResponse page = context.raw().get(rest.rawKey(path, pageSize)).orElse(null);
        for (JsonNode user : users) {
            String login = user.path("login").asText();
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("org", org);
            parameters.put("login", login);
            boolean member = !OrganizationFacts.ROLE_OUTSIDE.equals(role);
            Map<String, Object> identity = identities.sources().facts(login, member);
            List<Provenance.Citation> cited = new ArrayList<>(supporting);
            cited.addAll(identities.citations(login, member, (String) identity.get("emailSource")));
            context.evidence(TYPE_MEMBER, memberKey(org, login),
                    OrganizationFacts.member(user, role != null ? role : people.role(user), people, twoFactorKnown,
                            identity),
                    context.provenance(operation, parameters, page, cited));
        }
    }

    /** A GraphQL page read: its raw-response key and the cursor it was asked with (null for the first). */
    private record PageRef(String rawKey, String after) {
    }

    /** What the sources said, and the pages to cite for each person. */
    private final class Identities {
        final List<PageRef> samlPages = new ArrayList<>();
        final Map<String, PageRef> samlPageOf = new HashMap<>();
        final List<PageRef> domainPages = new ArrayList<>();
        final Map<String, PageRef> domainPageOf = new HashMap<>();
        MemberIdentities.Sources sources;

        MemberIdentities.Sources sources() {
            return sources;
        }

        /**
         * The answers a person's attribution was read from: the page of the source that gave the address, and
         * every page of each source before it that had nothing (the absence is read from them too).
         */
        List<Provenance.Citation> citations(String login, boolean member, String source) {
            String key = login.toLowerCase(Locale.ROOT);
            List<Provenance.Citation> out = new ArrayList<>();
            if (!sources.samlRead()) {
                return out;
            }
            if (MemberIdentities.SOURCE_SAML.equals(source) || MemberIdentities.SOURCE_SCIM.equals(source)) {
                cite(out, SAML_OPERATION, samlPageOf.get(key));
                return out;
            }
            samlPages.forEach(p -> cite(out, SAML_OPERATION, p));
            if (member) {
                if (MemberIdentities.SOURCE_VERIFIED_DOMAIN.equals(source)) {
                    cite(out, DOMAIN_OPERATION, domainPageOf.get(key));
                    return out;
                }
                if (!sources.domainsRead()) {
                    return out;
                }
                domainPages.forEach(p -> cite(out, DOMAIN_OPERATION, p));
            }
            if (mappingFile != null && sources.mappingRead()) {
                context.raw().get(MemberIdentities.mappingFileRawKey(mappingFile))
                        .ifPresent(r -> out.add(r.cite(MAPPING_OPERATION, Map.of("file", mappingFile))));
            }
            return out;
        }

        private void cite(List<Provenance.Citation> to, String operation, PageRef page) {
            if (page == null) {
                return;
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("org", org);
            query.put("first", Integer.toString(MemberIdentities.PAGE_SIZE));
            if (page.after() != null) {
                query.put("after", page.after());
            }
            context.raw().get(page.rawKey()).ifPresent(r -> to.add(r.cite(operation, query)));
        }
    }

    /**
     * Reads the SAML identities, then (only if a member is left without an address) the verified-domain e-mails,
     * then the mapping file. What cannot be read is a run failure on {@code github.member}.
     */
    private Identities readIdentities(List<JsonNode> members) {
        Identities ids = new Identities();
        boolean samlRead = true;
        boolean samlPresent = false;
        Map<String, MemberIdentities.Attribution> saml = new HashMap<>();
        Set<String> linked = new HashSet<>();
        try {
            String after = null;
            Set<String> cursors = new HashSet<>();
            do {
                String key = MemberIdentities.samlRawKey(after);
                MemberIdentities.SamlPage page = MemberIdentities.parseSaml(
                        rest.graphql(MemberIdentities.SAML_QUERY, MemberIdentities.variables(org, after), key));
                if (!page.errors().isEmpty()) {
                    identityFailure("the SAML identities (GraphQL organization.samlIdentityProvider) could not be read: "
                            + page.errors(), page.errors().stream().anyMatch(MemberIdentities.Error::denied));
                    samlRead = false;
                    break;
                }
                PageRef ref = new PageRef(key, after);
                ids.samlPages.add(ref);
                samlPresent = page.providerPresent();
                page.linked().forEach(login -> ids.samlPageOf.putIfAbsent(login, ref));
                page.attributed().forEach((login, a) -> {
                    if (saml.putIfAbsent(login, a) == null) {
                        ids.samlPageOf.put(login, ref);
                    }
                });
                linked.addAll(page.linked());
                after = page.nextCursor();
            } while (after != null && cursors.add(after)); // a repeated cursor would loop forever
        } catch (IOException e) {
            identityFailure("the SAML identities (GraphQL organization.samlIdentityProvider) could not be read: "
                    + GitHubErrors.reason(e), GitHubErrors.denied(e));
            samlRead = false;
        }

        boolean domainsRead = true;
        Map<String, MemberIdentities.Attribution> domains = new HashMap<>();
        boolean needed = members.stream()
                .anyMatch(m -> !saml.containsKey(m.path("login").asText().toLowerCase(Locale.ROOT)));
        if (samlRead && needed) {
            try {
                String after = null;
                Set<String> cursors = new HashSet<>();
                do {
                    String key = MemberIdentities.verifiedDomainRawKey(after);
                    MemberIdentities.DomainPage page = MemberIdentities.parseVerifiedDomains(rest.graphql(
                            MemberIdentities.VERIFIED_DOMAIN_QUERY, MemberIdentities.variables(org, after), key));
                    if (!page.errors().isEmpty()) {
                        identityFailure("the members' verified-domain e-mails (GraphQL membersWithRole."
                                + "organizationVerifiedDomainEmails) could not be read: " + page.errors(),
                                page.errors().stream().anyMatch(MemberIdentities.Error::denied));
                        domainsRead = false;
                        break;
                    }
                    PageRef ref = new PageRef(key, after);
                    ids.domainPages.add(ref);
                    page.attributed().forEach((login, a) -> {
                        if (domains.putIfAbsent(login, a) == null) {
                            ids.domainPageOf.put(login, ref);
                        }
                    });
                    after = page.nextCursor();
                } while (after != null && cursors.add(after));
            } catch (IOException e) {
                identityFailure("the members' verified-domain e-mails (GraphQL membersWithRole."
                        + "organizationVerifiedDomainEmails) could not be read: " + GitHubErrors.reason(e),
                        GitHubErrors.denied(e));
                domainsRead = false;
            }
        }

        boolean mappingRead = true;
        Map<String, String> mapping = Map.of();
        if (mappingFile != null) {
            try {
                byte[] bytes = Files.readAllBytes(Path.of(mappingFile));
                mapping = MemberIdentities.parseMappingFile(mappingFile,
                        new String(bytes, StandardCharsets.UTF_8).lines().toList());
                context.raw().keep(MemberIdentities.mappingFileRawKey(mappingFile), bytes, null, 200);
            } catch (IOException | IllegalArgumentException e) {
                String reason = e instanceof IOException
                        ? "identity mapping file " + mappingFile + " cannot be read: " + GitHubErrors.reason((IOException) e)
                        : e.getMessage();
                context.failure(new RunFailure(TYPE_MEMBER, null, "cannot attribute the people of " + org
                        + " to e-mail addresses: " + reason, null));
                mappingRead = false;
            }
        }
        ids.sources = new MemberIdentities.Sources(samlRead, samlPresent, saml, new LinkedHashSet<>(linked),
                domainsRead, domains, mappingFile, mappingRead, mapping);
        return ids;
    }

    private void identityFailure(String what, boolean denied) {
        context.failure(new RunFailure(TYPE_MEMBER, null, "cannot tell the e-mail addresses of the people of " + org
                + " (whom this leaves unattributed have email null and identitiesRead false, never a guess): " + what,
                denied ? PERMISSION_ORG_IDENTITIES : null));
    }

    private void cite(List<Provenance.Citation> to, String operation, String path, Map<String, String> parameters) {
        context.raw().get(rest.rawKey(path, pageSize)).ifPresent(r -> to.add(r.cite(operation, parameters)));
    }
}
