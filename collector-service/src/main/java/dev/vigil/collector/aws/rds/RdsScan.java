package dev.vigil.collector.aws.rds;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.RegionalScan;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads every RDS database instance of one region (DescribeDBInstances, paginated with Marker). */
final class RdsScan extends RegionalScan<RdsClient> {
    static final String INSTANCE = "aws.rds.instance";
    static final String PERMISSION = "rds:DescribeDBInstances";

    /** {@code rds} is a client of {@code region}. */
    RdsScan(RdsClient rds, String accountId, String region) {
        super(rds, accountId, region);
    }

    @Override
    public void run(CollectionContext context) {
        try {
            for (DescribeDbInstancesResponse page : client.describeDBInstancesPaginator(r -> { })) {
                RawResponse raw = raw(context, "DescribeDBInstances", null);
                for (DBInstance db : page.dbInstances()) {
                    String id = db.dbInstanceIdentifier();
                    context.evidence(INSTANCE, key("rds", "db/" + id),
                            facts(region, db), context.provenance("rds:DescribeDBInstances",
                                    Map.of("Region", region, "DBInstanceIdentifier", id), raw));
                }
            }
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(INSTANCE, null, "list database instances in " + region, PERMISSION, e));
        }
    }

    static Map<String, Object> facts(String region, DBInstance db) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("identifier", db.dbInstanceIdentifier());
        facts.put("arn", db.dbInstanceArn());
        facts.put("region", region);
        facts.put("engine", db.engine());
        facts.put("status", db.dbInstanceStatus());
        facts.put("storageEncrypted", Boolean.TRUE.equals(db.storageEncrypted()));
        facts.put("kmsKeyId", db.kmsKeyId());
        facts.put("backupRetentionDays", db.backupRetentionPeriod() == null ? 0 : db.backupRetentionPeriod());
        facts.put("deletionProtection", Boolean.TRUE.equals(db.deletionProtection()));
        facts.put("publiclyAccessible", Boolean.TRUE.equals(db.publiclyAccessible()));
        facts.put("multiAz", Boolean.TRUE.equals(db.multiAZ()));
        facts.put("clusterIdentifier", db.dbClusterIdentifier());
        return facts;
    }
}
