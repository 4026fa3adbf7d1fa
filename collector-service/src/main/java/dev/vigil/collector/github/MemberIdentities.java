package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which e-mail address a GitHub account belongs to, for the identity join (LS-19). GitHub does not give members'
 * e-mail in {@code GET /orgs/{org}/members}, so it is read, in this order, from: the organisation's SAML single
 * sign-on identities (GraphQL {@code samlIdentityProvider.externalIdentities}: the SAML NameID when it is an
 * address, else the SAML identity's first e-mail, else its SCIM user name or first SCIM e-mail); the e-mails of the
 * organisation's verified domains (GraphQL {@code membersWithRole { organizationVerifiedDomainEmails }}, members
 * only); an operator's mapping file ({@link #parseMappingFile}). Parsing only, no I/O: the pages are read by
 * {@link OrganizationScan}.
 */
final class MemberIdentities {
    static final int PAGE_SIZE = 100;
    static final String SOURCE_SAML = "saml-identity";
    static final String SOURCE_SCIM = "scim-identity";
    static final String SOURCE_VERIFIED_DOMAIN = "verified-domain-email";
    static final String SOURCE_MAPPING_FILE = "mapping-file";

    static final String SAML_QUERY = """
            query($org: String!, $first: Int!, $after: String) {
              organization(login: $org) {
                samlIdentityProvider {
                  externalIdentities(first: $first, after: $after) {
                    pageInfo { hasNextPage endCursor }
                    edges {
                      node {
                        guid
                        samlIdentity { nameId emails { value } username }
                        scimIdentity { username emails { value } }
                        user { login }
                      }
                    }
                  }
                }
              }
            }""";

    static final String VERIFIED_DOMAIN_QUERY = """
            query($org: String!, $first: Int!, $after: String) {
              organization(login: $org) {
                membersWithRole(first: $first, after: $after) {
                  pageInfo { hasNextPage endCursor }
                  nodes { login organizationVerifiedDomainEmails(login: $org) }
                }
              }
            }""";

    /** Loose on purpose: an address, not a user name such as a SAML NameID of {@code jdoe}. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** GitHub's logins: letters, digits and single hyphens, not starting with a hyphen, at most 39. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}");

    private MemberIdentities() {
    }

    /** An e-mail address a login is attributed to, and where it came from ({@code emailSource}). */
    record Attribution(String email, String source) {
    }

    /** A GraphQL error: its {@code type} (FORBIDDEN, NOT_FOUND, ...; may be null) and message. */
    record Error(String type, String message) {
        boolean denied() {
            return "FORBIDDEN".equals(type) || "INSUFFICIENT_SCOPES".equals(type);
        }

        @Override
        public String toString() {
            return type == null ? message : type + ": " + message;
        }
    }

    /**
     * One answer to {@link #SAML_QUERY}.
     *
     * @param providerPresent false when the organisation has no SAML identity provider (visible to this credential)
     * @param attributed      by lower-case login: the identities linked to an account that carry an address
     * @param linked          lower-case logins with a linked identity, with or without an address
     * @param nextCursor      the cursor of the next page, or null
     * @param errors          GraphQL's errors; any makes the answer unusable (attribution would be guesswork)
     */
    record SamlPage(boolean providerPresent, Map<String, Attribution> attributed, Set<String> linked,
                    String nextCursor, List<Error> errors) {
    }

    /**
     * One answer to {@link #VERIFIED_DOMAIN_QUERY}.
     *
     * @param attributed by lower-case login: the member's first verified-domain e-mail
     * @param listed     lower-case logins of every member on the page
     */
    record DomainPage(Map<String, Attribution> attributed, Set<String> listed, String nextCursor,
                      List<Error> errors) {
    }

    static Map<String, Object> variables(String org, String after) {
        return GitHubRest.orgPageVariables(org, PAGE_SIZE, after);
    }

    static SamlPage parseSaml(JsonNode answer) {
        List<Error> errors = errors(answer);
        JsonNode provider = answer.path("data").path("organization").path("samlIdentityProvider");
        boolean present = provider.isObject();
        Map<String, Attribution> attributed = new LinkedHashMap<>();
        Set<String> linked = new LinkedHashSet<>();
        JsonNode identities = provider.path("externalIdentities");
        for (JsonNode edge : identities.path("edges")) {
            JsonNode node = edge.path("node");
            String login = node.path("user").path("login").asText(null);
            if (login == null || login.isBlank()) {
                continue; // provisioned or signed in at the IdP, but not linked to a GitHub account
            }
            String key = login.toLowerCase(Locale.ROOT);
            linked.add(key);
            Attribution a = samlAttribution(node);
            if (a != null) {
                attributed.putIfAbsent(key, a);
            }
        }
        if (!answer.path("data").path("organization").isObject() && errors.isEmpty()) {
            errors.add(new Error(null, "the answer has no organization"));
        }
        return new SamlPage(present, attributed, linked, nextCursor(identities), errors);
    }

    /** The NameID if it is an address, else the SAML identity's first e-mail; else SCIM's user name or first e-mail. */
    static Attribution samlAttribution(JsonNode node) {
        JsonNode saml = node.path("samlIdentity");
        String email = firstEmail(saml.path("nameId").asText(null), saml.path("emails"));
        if (email != null) {
            return new Attribution(email, SOURCE_SAML);
        }
        JsonNode scim = node.path("scimIdentity");
        email = firstEmail(scim.path("username").asText(null), scim.path("emails"));
        return email == null ? null : new Attribution(email, SOURCE_SCIM);
    }

    private static String firstEmail(String name, JsonNode emails) {
        if (isEmail(name)) {
            return normalise(name);
        }
        for (JsonNode e : emails) {
            String value = e.path("value").asText(null);
            if (isEmail(value)) {
                return normalise(value);
            }
        }
        return null;
    }

    static DomainPage parseVerifiedDomains(JsonNode answer) {
        List<Error> errors = errors(answer);
        JsonNode members = answer.path("data").path("organization").path("membersWithRole");
        Map<String, Attribution> attributed = new LinkedHashMap<>();
        Set<String> listed = new LinkedHashSet<>();
        for (JsonNode node : members.path("nodes")) {
            String login = node.path("login").asText(null);
            if (login == null || login.isBlank()) {
                continue;
            }
            String key = login.toLowerCase(Locale.ROOT);
            listed.add(key);
            for (JsonNode e : node.path("organizationVerifiedDomainEmails")) {
                if (isEmail(e.asText(null))) {
                    attributed.putIfAbsent(key, new Attribution(normalise(e.asText()), SOURCE_VERIFIED_DOMAIN));
                    break;
                }
            }
        }
        if (!members.isObject() && errors.isEmpty()) {
            errors.add(new Error(null, "the answer has no organization.membersWithRole"));
        }
        return new DomainPage(attributed, listed, nextCursor(members), errors);
    }

    private static List<Error> errors(JsonNode answer) {
        List<Error> errors = new ArrayList<>();
        answer.path("errors").forEach(e -> errors.add(new Error(e.hasNonNull("type") ? e.get("type").asText() : null,
                e.path("message").asText(e.toString()))));
        return errors;
    }

    private static String nextCursor(JsonNode connection) {
        JsonNode pageInfo = connection.path("pageInfo");
        return pageInfo.path("hasNextPage").asBoolean(false) && pageInfo.hasNonNull("endCursor")
                ? pageInfo.get("endCursor").asText() : null;
    }

    /** The raw-response key of a SAML identities page (GraphQL pages share one URL: the cursor tells them apart). */
    static String samlRawKey(String after) {
        return "POST /graphql organization.samlIdentityProvider.externalIdentities after=" + (after == null ? "" : after);
    }

    static String verifiedDomainRawKey(String after) {
        return "POST /graphql organization.membersWithRole.organizationVerifiedDomainEmails after="
                + (after == null ? "" : after);
    }

    /** The raw-response key the mapping file is kept under for the run. */
    static String mappingFileRawKey(String file) {
        return "file " + file;
    }

    static boolean isEmail(String s) {
        return s != null && EMAIL.matcher(s.strip()).matches();
    }

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The operator's mapping file: one {@code login = e-mail} a line (spaces around {@code =} optional), blank lines
     * and lines starting with {@code #} ignored. Logins are matched case-insensitively, as GitHub does.
     *
     * @param name  how errors name the file (its path)
     * @return e-mail (lower case) by lower-case login
     * @throws IllegalArgumentException naming the file and line of the first malformed line or conflicting entry
     */
    static Map<String, String> parseMappingFile(String name, List<String> lines) {
        Map<String, String> byLogin = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw mappingError(name, n, "expected login = e-mail, found no '='");
            }
            String login = line.substring(0, eq).strip();
            String email = line.substring(eq + 1).strip();
            if (!LOGIN.matcher(login).matches() || login.contains("--") || login.endsWith("-")) {
                throw mappingError(name, n, "'" + login + "' is not a GitHub login");
            }
            if (!isEmail(email)) {
                throw mappingError(name, n, "'" + email + "' is not an e-mail address");
            }
            String key = login.toLowerCase(Locale.ROOT);
            String previous = byLogin.putIfAbsent(key, normalise(email));
            if (previous != null && !previous.equals(normalise(email))) {
                throw mappingError(name, n, login + " is already mapped to " + previous + " on line " + lineOf.get(key));
            }
            lineOf.putIfAbsent(key, n);
        }
        return byLogin;
    }

    private static IllegalArgumentException mappingError(String name, int line, String what) {
        return new IllegalArgumentException("identity mapping file " + name + ", line " + line + ": " + what);
    }

    /**
     * Everything read about who is who: what each source gave, and whether it could be read.
     *
     * @param samlRead        the SAML identities were read (every page)
     * @param samlPresent     the organisation has a SAML identity provider
     * @param saml            SAML/SCIM attributions by lower-case login
     * @param samlLinked      lower-case logins with a linked SAML identity (with or without an address)
     * @param domainsRead     the verified-domain e-mails were read (every page), or did not need to be
     * @param domains         verified-domain attributions by lower-case login
     * @param mappingFile     the mapping file's name, or null when none is configured
     * @param mappingRead     the mapping file was read and is well-formed (true when none is configured)
     * @param mapping         the mapping file's e-mails by lower-case login
     */
    record Sources(boolean samlRead, boolean samlPresent, Map<String, Attribution> saml, Set<String> samlLinked,
                   boolean domainsRead, Map<String, Attribution> domains, String mappingFile, boolean mappingRead,
                   Map<String, String> mapping) {

        /**
         * The facts {@code email}, {@code emailSource}, {@code identitiesRead} and {@code identityNotFound} of one
         * person. When a source that ranks before the one that would answer could not be read, nothing is
         * attributed ({@code identitiesRead: false}): an address that a higher source might contradict would be a
         * guess.
         */
        Map<String, Object> facts(String login, boolean member) {
            String key = login.toLowerCase(Locale.ROOT);
            Attribution found = null;
            boolean read = true;
            if (!samlRead) {
                read = false;
            } else {
                found = saml.get(key);
                if (found == null && member) {
                    if (!domainsRead) {
                        read = false;
                    } else {
                        found = domains.get(key);
                    }
                }
                if (found == null && read) {
                    if (mappingFile != null && !mappingRead) {
                        read = false;
                    } else if (mapping.containsKey(key)) {
                        found = new Attribution(mapping.get(key), SOURCE_MAPPING_FILE);
                    }
                }
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("email", found == null ? null : found.email());
            facts.put("emailSource", found == null ? null : found.source());
            facts.put("identitiesRead", read);
            facts.put("identityNotFound", found == null && read ? notFound(key, member) : null);
            return facts;
        }

        private String notFound(String key, boolean member) {
            List<String> tried = new ArrayList<>();
            if (!samlPresent) {
                tried.add("the organisation has no SAML single sign-on");
            } else if (samlLinked.contains(key)) {
                tried.add("its SAML identity carries no e-mail address");
            } else {
                tried.add("no SAML identity linked to this account");
            }
            tried.add(member ? "no verified-domain e-mail"
                    : "verified-domain e-mails are not read for outside collaborators");
            tried.add(mappingFile == null ? "no mapping file configured" : "not in the mapping file");
            return String.join(", ", tried);
        }
    }
}
