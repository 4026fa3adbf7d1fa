package dev.vigil.collector.aws.s3;

import software.amazon.awssdk.services.s3control.endpoints.S3ControlEndpointProvider;

import java.net.URI;

/**
 * S3 Control's endpoint rules put the account id in front of the host ({@code 111122223333.s3-control...}), even
 * in front of an endpoint override: fine for AWS's wildcard DNS, unreachable for a sandbox, proxy or VPC endpoint
 * at a plain host. With an override, this resolver keeps the override's host (the account id still travels in
 * the {@code x-amz-account-id} header, which is what S3 Control reads).
 */
public final class S3ControlEndpoint {
    private S3ControlEndpoint() {
    }

    public static S3ControlEndpointProvider withoutAccountHost() {
        S3ControlEndpointProvider rules = S3ControlEndpointProvider.defaultProvider();
        return params -> rules.resolveEndpoint(params).thenApply(endpoint -> {
            URI url = endpoint.url();
            String prefix = params.accountId() + ".";
            // The authority, not the host: "111122223333.127.0.0.1" is no valid host name, so URI gives no host.
            if (params.accountId() == null || url.getRawAuthority() == null
                    || !url.getRawAuthority().startsWith(prefix)) {
                return endpoint;
            }
            URI plain = URI.create(url.getScheme() + "://" + url.getRawAuthority().substring(prefix.length())
                    + (url.getRawPath() == null ? "" : url.getRawPath()));
            return endpoint.toBuilder().url(plain).build();
        });
    }
}
