package dev.vigil.collector.aws.kms;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.RegionalScan;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.NotFoundException;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the KMS keys of one region (ListKeys, every page), keeps the customer-managed, enabled, symmetric ones
 * (DescribeKey: AWS-managed keys rotate on AWS's schedule, a disabled or pending-deletion key encrypts nothing new,
 * and automatic rotation exists only for symmetric keys) and asks whether each rotates (GetKeyRotationStatus).
 * A region without such keys publishes nothing; a key that cannot be described or whose rotation cannot be
 * read is a failure naming the action, and the other keys go on.
 */
final class KmsScan extends RegionalScan<KmsClient> {
    private static final Logger LOG = Logger.getLogger(KmsScan.class);
    static final String KEY = "aws.kms.key";
    static final String PERMISSION_LIST = "kms:ListKeys";
    static final String PERMISSION_DESCRIBE = "kms:DescribeKey";
    static final String PERMISSION_ROTATION = "kms:GetKeyRotationStatus";

    /** {@code kms} is a client of {@code region}. */
    KmsScan(KmsClient kms, String accountId, String region) {
        super(kms, accountId, region);
    }

    @Override
    public void run(CollectionContext context) {
        Optional<List<String>> keys = AwsErrors.read(context, KEY, key("kms", null), "list KMS keys in " + region,
                PERMISSION_LIST, () -> client.listKeysPaginator(r -> { }).keys().stream().map(KeyListEntry::keyId)
                        .sorted().toList());
        for (String keyId : keys.orElse(List.of())) {
            key(context, keyId);
        }
    }

    /**
     * One key, as {@link #run} reads each listed one; {@code keyRef} is its id (a targeted read may also name an
     * alias: the item is still keyed and cited by the key id DescribeKey answers). A key KMS no longer knows
     * publishes nothing, as a full run would list nothing, and the next full run retires it.
     */
    void key(CollectionContext context, String keyRef) {
        KeyMetadata metadata;
        try {
            metadata = client.describeKey(r -> r.keyId(keyRef)).keyMetadata();
        } catch (NotFoundException e) {
            LOG.infof("KMS key %s of account %s in %s does not exist any more: nothing to read", keyRef, accountId,
                    region);
            return;
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(KEY, key("kms", "key/" + keyRef),
                    "describe KMS key " + keyRef + " in " + region, PERMISSION_DESCRIBE, e));
            return;
        }
        if (!inScope(metadata)) {
            return;
        }
        String keyId = metadata.keyId();
        String resourceKey = key("kms", "key/" + keyId);
        try {
            boolean rotation = Boolean.TRUE.equals(
                    client.getKeyRotationStatus(r -> r.keyId(keyId)).keyRotationEnabled());
            Map<String, String> parameters = Map.of("Region", region, "KeyId", keyId);
            // the key's state, spec and manager come from DescribeKey: cited beside the rotation answer
            RawResponse described = raw(context, "DescribeKey", keyRef);
            context.evidence(KEY, resourceKey, facts(metadata, rotation),
                    context.provenance(PERMISSION_ROTATION, parameters, raw(context, "GetKeyRotationStatus", keyId),
                            described == null ? List.of() : List.of(described.cite(PERMISSION_DESCRIBE, parameters))));
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(KEY, resourceKey,
                    "read the rotation of KMS key " + keyId + " in " + region, PERMISSION_ROTATION, e));
        }
    }

    static boolean inScope(KeyMetadata key) {
        return key.keyManager() == KeyManagerType.CUSTOMER && key.keyState() == KeyState.ENABLED
                && key.keySpec() == KeySpec.SYMMETRIC_DEFAULT;
    }

    private Map<String, Object> facts(KeyMetadata key, boolean rotationEnabled) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("keyId", key.keyId());
        facts.put("arn", key.arn());
        facts.put("region", region);
        facts.put("description", key.description() == null || key.description().isEmpty() ? null : key.description());
        facts.put("rotationEnabled", rotationEnabled);
        return facts;
    }
}
