package dev.vigil.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stubs answer in the providers' shapes, with absolute URLs pointing back at the sandbox. */
class SandboxTest {
    private static Sandbox sandbox;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void githubBranchCarriesAnAbsoluteProtectionUrlOnTheSandbox() throws Exception {
        HttpResponse<String> r = get("/github/repos/acme-demo/payments-api/branches/main", "token sandbox-token");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"protected\": true")
                .contains("\"protection_url\": \"" + sandbox.baseUrl()
                        + "/github/repos/acme-demo/payments-api/branches/main/protection\"");
        assertThat(r.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void githubProtectionDeniedForTheLimitedToken() throws Exception {
        assertThat(get("/github/repos/acme-demo/web-frontend/branches/main/protection", "token sandbox-token").body())
                .contains("\"enforce_admins\"").contains("\"required_approving_review_count\": 1");
        HttpResponse<String> denied = get("/github/repos/acme-demo/payments-api/branches/main/protection",
                "token sandbox-limited-token");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("Resource not accessible");
    }

    @Test
    void oktaUsersComeInTwoPagesLinkedByTheAfterCursor() throws Exception {
        HttpResponse<String> page1 = get("/okta/api/v1/users?limit=2", "SSWS sandbox-token");
        assertThat(page1.body()).contains("alice@acme-demo.example", "bob@acme-demo.example").doesNotContain("carol");
        List<String> links = page1.headers().allValues("Link");
        String next = sandbox.baseUrl() + "/okta/api/v1/users?after=00ubob00000demo00002&limit=2";
        assertThat(links).contains("<" + next + ">; rel=\"next\"");

        HttpResponse<String> page2 = get(next.substring(sandbox.baseUrl().length()), "SSWS sandbox-token");
        assertThat(page2.body()).contains("carol@acme-demo.example", "dave@acme-demo.example");
        assertThat(page2.headers().allValues("Link")).noneMatch(l -> l.contains("rel=\"next\""));
    }

    @Test
    void s3AnswersInRestXml() throws Exception {
        assertThat(get("/aws/", null).body()).contains("<ListAllMyBucketsResult")
                .contains("<Name>acme-customer-data</Name>", "<Name>acme-backups</Name>", "<Name>acme-app-logs</Name>");
        assertThat(get("/aws/acme-customer-data?encryption", null).body())
                .contains("<SSEAlgorithm>aws:kms</SSEAlgorithm>", "<BucketKeyEnabled>true</BucketKeyEnabled>");
        assertThat(get("/aws/acme-backups?encryption", null).body()).contains("<SSEAlgorithm>AES256</SSEAlgorithm>");
    }

    @Test
    void loadsTheSameStubsFromADirectory() throws Exception {
        String dir = System.getProperty(Sandbox.ROOT_PROPERTY);
        Path root = dir != null ? Path.of(dir) : Path.of("src/main/resources/sandbox");
        try (Sandbox fromDir = Sandbox.start(0, root)) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(fromDir.baseUrl() + "/okta/api/v1/users/"
                    + "00ucarol000demo00003/factors")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("\"factorType\": \"email\"");
        }
    }

    @Test
    void awsQueryProtocolServicesAnswerByActionAndSignedRegion() throws Exception {
        String usEast = "AWS4-HMAC-SHA256 Credential=sandbox-access-key/20261123/us-east-1/ec2/aws4_request";
        String euWest = "AWS4-HMAC-SHA256 Credential=sandbox-access-key/20261123/eu-west-1/ec2/aws4_request";
        assertThat(postAws("Action=DescribeSecurityGroups&Version=2016-11-15", usEast).body())
                .contains("<groupName>bastion</groupName>").doesNotContain("vpc-0e0e5a0d00000001");
        assertThat(postAws("Action=DescribeSecurityGroups&Version=2016-11-15", euWest).body())
                .contains("<groupName>default</groupName>").doesNotContain("bastion");
        assertThat(postAws("Action=DescribeVolumes&Version=2016-11-15", usEast).body())
                .contains("vol-0a11ce5a0d0000001", "<nextToken>sandbox-volumes-page-2</nextToken>");
        assertThat(postAws("Action=DescribeVolumes&Version=2016-11-15&NextToken=sandbox-volumes-page-2", usEast).body())
                .contains("vol-0a11ce5a0d0000002").doesNotContain("nextToken");
        HttpResponse<String> denied = postAws("Action=DescribeSecurityGroups&Version=2016-11-15",
                euWest.replace("sandbox-access-key", "sandbox-limited"));
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("<Code>UnauthorizedOperation</Code>");
        assertThat(postAws("Action=GetAccountPasswordPolicy&Version=2010-05-08", usEast).body())
                .contains("<MinimumPasswordLength>8</MinimumPasswordLength>");
    }

    @Test
    void everyProviderAnswersAtTheRootOfItsOwnPortWithLinksPointingThere() throws Exception {
        String github = sandbox.rootUrl(Sandbox.Provider.GITHUB);
        assertThat(github).doesNotEndWith("/").isNotEqualTo(sandbox.baseUrl());
        HttpResponse<String> members = send(github + "/orgs/acme-demo/members?per_page=2", "token sandbox-token");
        assertThat(members.statusCode()).isEqualTo(200);
        assertThat(members.body()).contains("\"login\"");
        assertThat(members.headers().allValues("Link")).anyMatch(l -> l.startsWith("<" + github
                + "/orgs/acme-demo/members?per_page=2&page=2>; rel=\"next\""));

        String okta = sandbox.rootUrl(Sandbox.Provider.OKTA);
        assertThat(send(okta + "/api/v1/users?limit=2", "SSWS sandbox-token").headers().allValues("Link"))
                .contains("<" + okta + "/api/v1/users?after=00ubob00000demo00002&limit=2>; rel=\"next\"");

        HttpResponse<String> buckets = send(sandbox.rootUrl(Sandbox.Provider.AWS) + "/", null);
        assertThat(buckets.body()).contains("<Name>acme-customer-data</Name>");
    }

    @Test
    void identityProvidersServeSingleUsersAndPushSubscriptionsAtTheRoot() throws Exception {
        String graph = sandbox.rootUrl(Sandbox.Provider.MICROSOFT_GRAPH);
        String bearer = "Bearer sandbox-graph-token";
        assertThat(send(graph + "/v1.0/users/7b2d4e6f-2222-4c3d-8e9f-1a2b3c4d5e6f", bearer).body())
                .contains("\"userPrincipalName\": \"erik.novak@acme-demo.com\"");
        assertThat(send(graph + "/v1.0/users/00000000-0000-4000-8000-000000000000", bearer).statusCode())
                .isEqualTo(404);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(graph + "/v1.0/subscriptions"))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"changeType\": \"updated,deleted\", \"notificationUrl\": "
                        + "\"https://vigil.example/hooks/entra\", \"resource\": \"users\", \"expirationDateTime\": "
                        + "\"2026-12-05T00:00:00Z\", \"clientState\": \"s\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"id\":\"7f105c7d-2dc5-4530-97cd-4e7ae6534c07\"",
                "\"expirationDateTime\":\"2026-12-05T00:00:00Z\"", "\"notificationUrl\":\"https://vigil.example/hooks/entra\"");

        String google = sandbox.rootUrl(Sandbox.Provider.GOOGLE);
        assertThat(send(google + "/admin/directory/v1/users/ivan.petrov@acme-demo.com", "Bearer sandbox-google-token")
                .body()).contains("\"id\": \"108000000000000000002\"");
        HttpResponse<String> watch = HTTP.send(HttpRequest.newBuilder(URI.create(google
                        + "/admin/reports/v1/activity/users/all/applications/admin/watch"))
                .header("Authorization", "Bearer sandbox-google-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"vigil-1\", \"type\": \"web_hook\", \"address\": "
                        + "\"https://vigil.example/hooks/google\", \"token\": \"t\", \"expiration\": \"1796000000000\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(watch.body()).contains("\"id\":\"vigil-1\"", "\"resourceId\":\"sAnDb0xReS0urCe1d-adm1n\"",
                "\"expiration\":\"1796000000000\"");
    }

    @Test
    void aDoubleSlashAtTheRootIsNotFoundAsProductionAnswersIt() throws Exception {
        // what a client building URLs as base + "/" + path sends to https://api.github.com/
        HttpResponse<String> r = send(sandbox.rootUrl(Sandbox.Provider.GITHUB) + "//orgs/acme-demo", "token sandbox-token");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(send(sandbox.rootUrl(Sandbox.Provider.GITHUB) + "/orgs/acme-demo", "token sandbox-token")
                .statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> send(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postAws(String form, String authorization)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/aws/"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
