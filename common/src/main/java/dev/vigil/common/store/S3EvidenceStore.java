package dev.vigil.common.store;

import dev.vigil.common.evidence.Hashing;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The evidence store in S3-compatible object storage, shared by every instance of collector-service and
 * report-service: {@code s3://<bucket>/<prefix>sha256/ab/<64 hex>}, written with the configured server-side
 * encryption. A blob is written once (its name is its content); what is read back must hash to its name, so a store
 * that altered a blob fails the read instead of serving it as evidence. The bucket is the operator's: Vigil creates
 * none, and needs {@code s3:GetObject} and {@code s3:PutObject} on the prefix (and {@code kms:GenerateDataKey},
 * {@code kms:Decrypt} with {@code aws:kms}).
 */
public final class S3EvidenceStore implements EvidenceStore {
    /** How blobs are encrypted at rest: {@code AES256} (S3-managed keys), {@code aws:kms} (with a key id), or none. */
    public record Encryption(ServerSideEncryption algorithm, String kmsKeyId) {
        public static Encryption none() {
            return new Encryption(null, null);
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Encryption encryption;

    /** @param prefix ends with {@code /} or is empty */
    public S3EvidenceStore(S3Client s3, String bucket, String prefix, Encryption encryption) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 evidence store needs a bucket (vigil.evidence-store.s3.bucket)");
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix)
                : prefix + "/";
        this.encryption = encryption;
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public String put(byte[] bytes) {
        String sha = Hashing.sha256Hex(bytes);
        if (contains(sha)) {
            return sha;
        }
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key(sha))
                .contentType("application/octet-stream").contentLength((long) bytes.length);
        if (encryption.algorithm() != null) {
            request.serverSideEncryption(encryption.algorithm());
            if (encryption.kmsKeyId() != null && !encryption.kmsKeyId().isBlank()) {
                request.ssekmsKeyId(encryption.kmsKeyId());
            }
        }
        try {
            s3.putObject(request.build(), RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            throw failure("PUT", sha, e);
        }
        return sha;
    }

    @Override
    public Optional<byte[]> get(String sha256) {
        String key = key(sha256);
        byte[] bytes;
        try {
            ResponseBytes<GetObjectResponse> answer = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            bytes = answer.asByteArray();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            throw failure("GET", sha256, e);
        }
        if (!sha256.equals(Hashing.sha256Hex(bytes))) {
            throw new IllegalStateException("evidence blob s3://" + bucket + "/" + key + " does not hash to its name: "
                    + "the store holds altered bytes, which are not served as evidence");
        }
        return Optional.of(bytes);
    }

    @Override
    public boolean contains(String sha256) {
        String key = key(sha256);
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false; // HEAD has no body: S3 names no NoSuchKey code
            }
            throw failure("HEAD", sha256, e);
        }
    }

    private String key(String sha256) {
        return prefix + EvidenceStore.relativeName(sha256);
    }

    /** Names what was asked and what S3 answered; an unreachable store is not "missing evidence". */
    private UncheckedIOException failure(String method, String sha256, S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return new UncheckedIOException(new java.io.IOException(method + " s3://" + bucket + "/" + key(sha256)
                + " answered " + e.statusCode() + (code == null ? "" : " " + code) + ": "
                + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e));
    }
}
