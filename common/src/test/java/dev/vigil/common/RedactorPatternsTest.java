package dev.vigil.common;

import dev.vigil.common.evidence.Redactor;
import dev.vigil.common.evidence.RunFailure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pattern net, one case at a time: each secret shape is masked, and a look-alike that is no secret is not. */
class RedactorPatternsTest {
    private static String body(String text) {
        return new String(Redactor.redactBody(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void awsXmlSecretAccessKeyAndSessionTokenAreMasked() {
        String xml = "<AssumeRoleResponse><Credentials><AccessKeyId>ASIAEXAMPLEEXAMPLE12</AccessKeyId>"
                + "<SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>"
                + "<SessionToken>FwoGZXIvYXdzEJr//////////wEaDKexample+session/token=</SessionToken>"
                + "<Expiration>2026-12-02T01:00:00Z</Expiration></Credentials></AssumeRoleResponse>";
        String out = body(xml);
        assertThat(out).doesNotContain("wJalrXUtnFEMI", "FwoGZXIvYXdz")
                .contains("<SecretAccessKey>[REDACTED]</SecretAccessKey>", "<SessionToken>[REDACTED]</SessionToken>",
                        "<Expiration>2026-12-02T01:00:00Z</Expiration>");
    }

    @Test
    void xmlElementsWithSecretishNamesButCountsOrFlagsStay() {
        String xml = "<PasswordPolicy><MinimumPasswordLength>8</MinimumPasswordLength>"
                + "<AllowUsersToChangePassword>true</AllowUsersToChangePassword>"
                + "<PasswordLastUsed>2026-11-01T00:00:00Z</PasswordLastUsed></PasswordPolicy>";
        assertThat(body(xml)).isEqualTo(xml);
    }

    @Test
    void basicAuthorizationIsMasked() {
        String creds = Base64.getEncoder().encodeToString("deploy:hunter2-Secret".getBytes(StandardCharsets.UTF_8));
        String out = Redactor.redactText("sent Authorization: Basic " + creds + " to the host");
        assertThat(out).doesNotContain(creds).contains("Authorization: Basic [REDACTED] to the host");
    }

    @Test
    void theWordBasicFollowedByProseIsNotACredential() {
        String text = "Basic authentication is disabled; basic information only";
        assertThat(Redactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void bareJwtIsMasked() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ2aWdpbCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        assertThat(Redactor.redactText("id_token " + jwt + " end")).doesNotContain(jwt).contains("[REDACTED] end");
    }

    @Test
    void base64JsonThatIsNoJwtStays() {
        String text = "cursor eyJwYWdlIjoyfQ== and eyJhIjoxfQ.notAPayload";
        assertThat(Redactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void slackWebhookUrlIsMasked() {
        String hook = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
        assertThat(Redactor.redactText("alerts to " + hook)).isEqualTo("alerts to [REDACTED]");
    }

    @Test
    void otherSlackUrlsStay() {
        String text = "see https://api.slack.com/messaging/webhooks and https://hooks.slack.com/";
        assertThat(Redactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void passwordInUrlIsMaskedKeepingTheUser() {
        assertThat(Redactor.redactText("postgres://vigil:s3cr3t-Pass@db.internal:5432/vigil"))
                .isEqualTo("postgres://vigil:[REDACTED]@db.internal:5432/vigil");
    }

    @Test
    void urlWithPortOrUserOnlyStays() {
        String text = "https://api.github.com:443/orgs/acme and ssh://git@github.com/acme/x and mailto:a@b.c";
        assertThat(Redactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void secretQueryParametersAreMasked() {
        assertThat(Redactor.redactText("GET https://x.example/api?per_page=100&access_token=abcdef123&X-Amz-Signature=f00d"))
                .isEqualTo("GET https://x.example/api?per_page=100&access_token=[REDACTED]&X-Amz-Signature=[REDACTED]");
    }

    @Test
    void ordinaryQueryParametersStay() {
        String text = "GET /orgs/acme/members?filter=2fa_disabled&role=admin&per_page=100&after=Y3Vyc29y"
                + " and /users?customer=my_customer&pageToken=Q0hFQ0s&$skiptoken=abc";
        assertThat(Redactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void oktaApiTokenWithoutPrefixIsMasked() {
        String token = "00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_Ab";
        assertThat(token).hasSize(42);
        assertThat(Redactor.redactText("token=" + token + ";")).isEqualTo("token=[REDACTED];");
    }

    @Test
    void oktaIdsAndHexDigestsStay() {
        String text = "user 00u1a2b3c4D5e6F7g8h9 sha 00" + "ab12".repeat(10) + " long 00" + "aB1".repeat(15);
        assertThat(Redactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void googleApiKeyIsMasked() {
        String key = "AIzaSyA-1234567890abcdefghijklmnopqrstu";
        assertThat(key).hasSize(39);
        assertThat(Redactor.redactText("key " + key)).isEqualTo("key [REDACTED]");
    }

    @Test
    void shortAizaWordStays() {
        String text = "AIzaSyShort and AIzawhatever";
        assertThat(Redactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void pemPrivateKeysAreMaskedEvenWhenCutOff() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        String ec = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB";
        assertThat(Redactor.redactText("a " + pem + " b")).isEqualTo("a [REDACTED] b");
        assertThat(Redactor.redactText("x " + ec)).isEqualTo("x [REDACTED]");
    }

    @Test
    void pgpPrivateKeyBlockIsMasked() {
        String pgp = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGVigil\n-----END PGP PRIVATE KEY BLOCK-----";
        assertThat(Redactor.redactText(pgp + "\nafter")).isEqualTo("[REDACTED]\nafter");
    }

    @Test
    void publicKeysAndCertificatesStay() {
        String text = "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n"
                + "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
                + "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQIN\n-----END PGP PUBLIC KEY BLOCK-----";
        assertThat(Redactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void failureReasonsAreRedacted() {
        RunFailure failure = new RunFailure("okta.user", null,
                "GET https://acme.okta.com/api/v1/users?token=abc123 answered 401: SSWS 00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_Ab",
                "okta.users.read");
        RunFailure out = Redactor.redactFailure(failure);
        assertThat(out.reason()).doesNotContain("abc123", "00aBcDeF").contains("answered 401");
        assertThat(out.missingPermission()).isEqualTo("okta.users.read");
        assertThat(out.resourceType()).isEqualTo("okta.user");
    }

    @Test
    void requestParametersAreRedacted() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("org", "acme-demo");
        parameters.put("apiToken", "plain-looking-value");
        parameters.put("url", "https://x.example/next?after=5&sig=deadbeef");
        parameters.put("pageToken", "Q0hFQ0tQT0lOVC1qdWxlcw");
        Map<String, String> out = Redactor.redactParameters(parameters);
        assertThat(out).containsEntry("org", "acme-demo").containsEntry("apiToken", "[REDACTED]")
                .containsEntry("url", "https://x.example/next?after=5&sig=[REDACTED]")
                .containsEntry("pageToken", "Q0hFQ0tQT0lOVC1qdWxlcw");
    }

    /** The net skips a text without its patterns' literals; case-insensitive ones must still be found in any case. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "AUTHORIZATION: BEARER abcdefgh12345678",
            "Authorization: SSWS 00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd",
            "TOKEN abcdefgh12345678",
            "HTTPS://HOOKS.SLACK.COM/services/T000/B000/XXXXXXXX",
            "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "BASIC dXNlcjpwYXNzd29yZA=="})
    void secretsAreMaskedInAnyCase(String text) {
        assertThat(Redactor.redactText(text)).contains(Redactor.MASK)
                .doesNotContain("abcdefgh12345678", "XXXXXXXX", "bPxRfiCYEXAMPLEKEY", "dXNlcjpwYXNzd29yZA",
                        "0123456789abcd");
    }
}
