package dev.vigil.collector.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.collector.testing.Fixtures;
import dev.vigil.common.evidence.EventCodec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.collector.github.MemberIdentities.SOURCE_MAPPING_FILE;
import static dev.vigil.collector.github.MemberIdentities.SOURCE_SAML;
import static dev.vigil.collector.github.MemberIdentities.SOURCE_SCIM;
import static dev.vigil.collector.github.MemberIdentities.SOURCE_VERIFIED_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading SAML identities, verified-domain e-mails and the mapping file, and attributing people from them. */
class MemberIdentitiesTest {

    private static JsonNode json(String fixture) throws Exception {
        return EventCodec.mapper().readTree(Fixtures.bytes(MemberIdentitiesTest.class, fixture));
    }

    private static MemberIdentities.Attribution a(String email, String source) {
        return new MemberIdentities.Attribution(email, source);
    }

    @Test
    void samlIdentitiesGiveTheNameIdItsEmailsOrScimAndSkipUnlinkedOnes() throws Exception {
        MemberIdentities.SamlPage page = MemberIdentities.parseSaml(json("saml-page-1.json"));
        assertThat(page.errors()).isEmpty();
        assertThat(page.providerPresent()).isTrue();
        assertThat(page.nextCursor()).isEqualTo("Y3Vyc29yOnYyOpHOAAAAZA==");
        // logins and addresses in lower case; the NameID when it is an address, else the first address among the
        // SAML e-mails, else SCIM's; an identity linked to no account (dee) is skipped
        assertThat(page.attributed()).isEqualTo(Map.of(
                "ann-lee", a("ann.lee@example.com", SOURCE_SAML),
                "bo-dev", a("bo@example.com", SOURCE_SAML),
                "cy-ops", a("cy@example.com", SOURCE_SCIM)));
        // eve's identity is linked but carries no address
        assertThat(page.linked()).containsExactly("ann-lee", "bo-dev", "cy-ops", "eve-x");

        MemberIdentities.SamlPage last = MemberIdentities.parseSaml(json("saml-page-2.json"));
        assertThat(last.nextCursor()).isNull();
        // SCIM's user name before its e-mails
        assertThat(last.attributed()).isEqualTo(Map.of("fay", a("fay@example.com", SOURCE_SCIM)));
    }

    @Test
    void anOrganisationWithoutSamlIsNotAnError() throws Exception {
        MemberIdentities.SamlPage page = MemberIdentities.parseSaml(json("saml-none.json"));
        assertThat(page.errors()).isEmpty();
        assertThat(page.providerPresent()).isFalse();
        assertThat(page.attributed()).isEmpty();
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void aRefusalIsAnErrorNamingItsType() throws Exception {
        MemberIdentities.SamlPage page = MemberIdentities.parseSaml(json("saml-forbidden.json"));
        assertThat(page.errors()).singleElement().satisfies(e -> {
            assertThat(e.denied()).isTrue();
            assertThat(e.toString()).isEqualTo("FORBIDDEN: Resource not accessible by integration");
        });
        // an answer without an organisation is not "no SAML" either
        assertThat(MemberIdentities.parseSaml(EventCodec.mapper().readTree("{\"data\":null}")).errors()).hasSize(1);
    }

    @Test
    void verifiedDomainEmailsGiveTheFirstAddressOfEachMember() throws Exception {
        MemberIdentities.DomainPage page = MemberIdentities.parseVerifiedDomains(json("verified-domains-page-1.json"));
        assertThat(page.errors()).isEmpty();
        assertThat(page.attributed()).isEqualTo(Map.of("gus", a("gus@example.com", SOURCE_VERIFIED_DOMAIN)));
        assertThat(page.listed()).containsExactly("ann-lee", "gus");
        assertThat(page.nextCursor()).isEqualTo("Y3Vyc29yOnYyOpHOBW1jAQ==");
        assertThat(MemberIdentities.parseVerifiedDomains(json("verified-domains-page-2.json")).nextCursor()).isNull();
    }

    @Test
    void theMappingFileMapsLoginsCaseInsensitively() {
        Map<String, String> mapping = MemberIdentities.parseMappingFile("ids.properties",
                Fixtures.text(MemberIdentitiesTest.class, "mapping.properties").lines().toList());
        // the same mapping twice (any case) is no conflict
        assertThat(mapping).isEqualTo(Map.of("hal", "hal.jordan@example.com", "contractor-1", "c1@partner.example"));
    }

    @Test
    void aMalformedMappingFileNamesTheFileAndLine() {
        assertThatThrownBy(() -> MemberIdentities.parseMappingFile("/etc/vigil/ids.properties",
                Fixtures.text(MemberIdentitiesTest.class, "mapping-bad.properties").lines().toList()))
                .hasMessage("identity mapping file /etc/vigil/ids.properties, line 3: expected login = e-mail, "
                        + "found no '='");
        assertThatThrownBy(() -> MemberIdentities.parseMappingFile("f", List.of("-bad = x@example.com")))
                .hasMessageContaining("line 1").hasMessageContaining("not a GitHub login");
        assertThatThrownBy(() -> MemberIdentities.parseMappingFile("f", List.of("ok = nobody")))
                .hasMessageContaining("line 1").hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> MemberIdentities.parseMappingFile("f", List.of("ok = a@example.com", "",
                "OK = b@example.com"))).hasMessage("identity mapping file f, line 3: OK is already mapped to "
                + "a@example.com on line 1");
    }

    private static MemberIdentities.Sources sources(boolean samlRead, boolean domainsRead, String mappingFile,
                                                    boolean mappingRead) {
        Map<String, MemberIdentities.Attribution> saml = new HashMap<>();
        saml.put("ann", a("ann@example.com", SOURCE_SAML));
        saml.put("zed", a("zed@example.com", SOURCE_SCIM)); // an outside collaborator with an identity
        Map<String, MemberIdentities.Attribution> domains = new HashMap<>();
        domains.put("ann", a("ann@other.example.com", SOURCE_VERIFIED_DOMAIN));
        domains.put("gus", a("gus@example.com", SOURCE_VERIFIED_DOMAIN));
        return new MemberIdentities.Sources(samlRead, true, saml, Set.of("ann", "zed", "eve"), domainsRead, domains,
                mappingFile, mappingRead, Map.of("hal", "hal@example.com", "gus", "gus@mapped.example", "jo",
                "jo@partner.example"));
    }

    private static Map<String, Object> facts(String email, String source, boolean read, String notFound) {
        Map<String, Object> f = new HashMap<>();
        f.put("email", email);
        f.put("emailSource", source);
        f.put("identitiesRead", read);
        f.put("identityNotFound", notFound);
        return f;
    }

    @Test
    void samlComesFirstThenVerifiedDomainsThenTheMappingFile() {
        MemberIdentities.Sources all = sources(true, true, "ids.properties", true);
        assertThat(all.facts("Ann", true)).isEqualTo(facts("ann@example.com", SOURCE_SAML, true, null));
        assertThat(all.facts("gus", true)).isEqualTo(facts("gus@example.com", SOURCE_VERIFIED_DOMAIN, true, null));
        assertThat(all.facts("hal", true)).isEqualTo(facts("hal@example.com", SOURCE_MAPPING_FILE, true, null));
        // outside collaborators: SAML if linked, never verified domains, then the mapping file
        assertThat(all.facts("zed", false)).isEqualTo(facts("zed@example.com", SOURCE_SCIM, true, null));
        assertThat(all.facts("jo", false)).isEqualTo(facts("jo@partner.example", SOURCE_MAPPING_FILE, true, null));
        assertThat(all.facts("gus", false)).isEqualTo(facts("gus@mapped.example", SOURCE_MAPPING_FILE, true, null));
    }

    @Test
    void nobodyFoundSaysWhatWasTried() {
        MemberIdentities.Sources all = sources(true, true, "ids.properties", true);
        assertThat(all.facts("octo", true)).isEqualTo(facts(null, null, true, "no SAML identity linked to this "
                + "account, no verified-domain e-mail, not in the mapping file"));
        assertThat(all.facts("eve", true).get("identityNotFound")).isEqualTo("its SAML identity carries no e-mail "
                + "address, no verified-domain e-mail, not in the mapping file");
        assertThat(all.facts("kim", false).get("identityNotFound")).isEqualTo("no SAML identity linked to this "
                + "account, verified-domain e-mails are not read for outside collaborators, not in the mapping file");
        MemberIdentities.Sources noSaml = new MemberIdentities.Sources(true, false, Map.of(), Set.of(), true,
                Map.of(), null, true, Map.of());
        assertThat(noSaml.facts("octo", true).get("identityNotFound")).isEqualTo("the organisation has no SAML "
                + "single sign-on, no verified-domain e-mail, no mapping file configured");
    }

    @Test
    void whatCouldNotBeReadLeavesAttributionUnknownNotGuessed() {
        // without the SAML identities nobody is attributed: a lower source might contradict them
        MemberIdentities.Sources noSaml = sources(false, true, "ids.properties", true);
        assertThat(noSaml.facts("hal", true)).isEqualTo(facts(null, null, false, null));
        // without verified domains a member SAML attributes is still known; the others are not
        MemberIdentities.Sources noDomains = sources(true, false, "ids.properties", true);
        assertThat(noDomains.facts("ann", true)).isEqualTo(facts("ann@example.com", SOURCE_SAML, true, null));
        assertThat(noDomains.facts("hal", true)).isEqualTo(facts(null, null, false, null));
        // outside collaborators do not depend on verified domains
        assertThat(noDomains.facts("jo", false)).isEqualTo(facts("jo@partner.example", SOURCE_MAPPING_FILE, true,
                null));
        // a configured mapping file that cannot be read: unknown for whoever it would be asked about
        MemberIdentities.Sources noFile = sources(true, true, "ids.properties", false);
        assertThat(noFile.facts("gus", true)).isEqualTo(facts("gus@example.com", SOURCE_VERIFIED_DOMAIN, true, null));
        assertThat(noFile.facts("hal", true)).isEqualTo(facts(null, null, false, null));
    }

    @Test
    void theQueriesPageOneHundredAfterTheCursor() {
        assertThat(MemberIdentities.variables("acme", "X")).containsEntry("org", "acme").containsEntry("first", 100)
                .containsEntry("after", "X");
        assertThat(MemberIdentities.SAML_QUERY).contains("samlIdentityProvider",
                "externalIdentities(first: $first, after: $after)", "pageInfo { hasNextPage endCursor }",
                "samlIdentity { nameId emails { value } username }", "scimIdentity { username emails { value } }",
                "user { login }");
        assertThat(MemberIdentities.VERIFIED_DOMAIN_QUERY).contains("membersWithRole(first: $first, after: $after)",
                "organizationVerifiedDomainEmails(login: $org)");
        assertThat(MemberIdentities.samlRawKey("X")).isNotEqualTo(MemberIdentities.samlRawKey(null))
                .isNotEqualTo(MemberIdentities.verifiedDomainRawKey("X"));
    }
}
