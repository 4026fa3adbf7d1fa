package dev.vigil.collector.aws.rds;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.RegionalScan;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads every RDS database instance of one region (DescribeDBInstances, paginated with Marker). */
final class RdsScan extends RegionalScan<RdsClient> {
    private static final Logger LOG = Logger.getLogger(RdsScan.class);
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
                page.dbInstances().forEach(db -> publish(context, db, raw));
            }
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(INSTANCE, null, "list database instances in " + region, PERMISSION, e));
        }
    }

    /**
     * One instance (a targeted run), asked of DescribeDBInstances by its identifier: the item a full run publishes
     * for it. An instance RDS no longer knows (DBInstanceNotFound) publishes nothing, as a full run would list
     * nothing, and the next full run retires it.
     */
    void instance(CollectionContext context, String id) {
        try {
            var page = client.describeDBInstances(r -> r.dbInstanceIdentifier(id));
            RawResponse raw = raw(context, "DescribeDBInstances", null);
            // only the instance asked for, whatever else an answer holds
            page.dbInstances().stream().filter(db -> id.equals(db.dbInstanceIdentifier()))
                    .forEach(db -> publish(context, db, raw));
        } catch (DbInstanceNotFoundException e) {
            LOG.infof("RDS instance %s of account %s in %s does not exist any more: nothing to read", id, accountId,
                    region);
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(INSTANCE, key("rds", "db/" + id),
                    "describe database instance " + id + " in " + region, PERMISSION, e));
        }
    }

    private void publish(CollectionContext context, DBInstance db, RawResponse raw) {
        String id = db.dbInstanceIdentifier();
        context.evidence(INSTANCE, key("rds", "db/" + id), facts(region, db), context.provenance(
                "rds:DescribeDBInstances", Map.of("Region", region, "DBInstanceIdentifier", id), raw));
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
