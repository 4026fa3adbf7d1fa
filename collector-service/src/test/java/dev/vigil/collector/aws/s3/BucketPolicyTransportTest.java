package dev.vigil.collector.aws.s3;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BucketPolicyTransportTest {
    private static boolean denies(String policy) {
        return BucketPolicyTransport.deniesInsecureTransport("b", policy);
    }

    private static String policy(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
    }

    private static final String TLS_ONLY = """
            {"Sid":"TlsOnly","Effect":"Deny","Principal":"*","Action":"s3:*",
             "Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],
             "Condition":{"Bool":{"aws:SecureTransport":"false"}}}""";

    @Test
    void theCanonicalTlsOnlyStatementCounts() {
        assertThat(denies(policy(TLS_ONLY))).isTrue();
    }

    @Test
    void itMayBeOneStatementAmongOthersOrAnObjectInsteadOfAList() {
        String allow = """
                {"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject",
                 "Resource":"arn:aws:s3:::b/*"}""";
        assertThat(denies(policy(allow + "," + TLS_ONLY))).isTrue();
        assertThat(denies("{\"Statement\":" + TLS_ONLY + "}")).isTrue();
        assertThat(denies(policy(allow))).isFalse();
    }

    @Test
    void equivalentSpellingsCount() {
        assertThat(denies(policy("""
                {"Effect":"Deny","Principal":{"AWS":["*"]},"Action":["s3:GetObject","s3:PutObject"],
                 "Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:securetransport":[false]}}}"""))).isTrue();
        assertThat(denies(policy("""
                {"Effect":"Deny","Principal":"*","Action":"*","Resource":"*",
                 "Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}"""))).isTrue();
    }

    @Test
    void aNarrowerDenyDoesNotCount() {
        // reads only: uploads over plain HTTP still succeed
        assertThat(denies(policy(TLS_ONLY.replace("\"s3:*\"", "\"s3:GetObject\"")))).isFalse();
        // one principal only
        assertThat(denies(policy(TLS_ONLY.replace("\"Principal\":\"*\"",
                "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/app\"}")))).isFalse();
        // the bucket itself, not its objects
        assertThat(denies(policy(TLS_ONLY.replace("[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"]",
                "\"arn:aws:s3:::b\"")))).isFalse();
        // a second condition: the deny applies only from outside that network
        assertThat(denies(policy(TLS_ONLY.replace("\"Condition\":{",
                "\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"},")))).isFalse();
        assertThat(denies(policy(TLS_ONLY.replace("\"Principal\":\"*\"", "\"NotPrincipal\":{\"AWS\":\"x\"}")))).isFalse();
    }

    @Test
    void theWrongEffectOrValueDoesNotCount() {
        assertThat(denies(policy(TLS_ONLY.replace("Deny", "Allow")))).isFalse();
        assertThat(denies(policy(TLS_ONLY.replace("\"false\"", "\"true\"")))).isFalse();
        assertThat(denies(policy(TLS_ONLY.replace("aws:SecureTransport", "aws:SourceVpce")))).isFalse();
        assertThat(denies("{\"Version\":\"2012-10-17\",\"Statement\":[]}")).isFalse();
    }

    @Test
    void aPolicyThatIsNotJsonIsAnError() {
        assertThatThrownBy(() -> denies("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket policy of b");
        assertThatThrownBy(() -> denies("[]")).isInstanceOf(IllegalArgumentException.class);
    }
}
