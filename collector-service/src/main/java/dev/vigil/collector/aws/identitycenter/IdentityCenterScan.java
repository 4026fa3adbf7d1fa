package dev.vigil.collector.aws.identitycenter;

import dev.vigil.collector.aws.AwsErrors;
import dev.vigil.collector.aws.SdkCaptureInterceptor;
import dev.vigil.collector.spi.CollectionContext;
import dev.vigil.collector.spi.RawResponse;
import dev.vigil.common.evidence.Provenance;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.identitystore.model.Group;
import software.amazon.awssdk.services.identitystore.model.GroupMembership;
import software.amazon.awssdk.services.identitystore.model.ListGroupMembershipsResponse;
import software.amazon.awssdk.services.identitystore.model.ListUsersResponse;
import software.amazon.awssdk.services.identitystore.model.User;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignmentForPrincipal;
import software.amazon.awssdk.services.ssoadmin.model.InstanceMetadata;
import software.amazon.awssdk.services.ssoadmin.model.ListAccountAssignmentsForPrincipalResponse;
import software.amazon.awssdk.services.ssoadmin.model.PrincipalType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads IAM Identity Center, how most organisations hand out AWS access now: the instance (sso-admin
 * ListInstances), the users and groups of its identity store (identitystore ListUsers, ListGroups,
 * ListGroupMemberships), and the account assignments of each group and user (ListAccountAssignmentsForPrincipal,
 * with each permission set's name from DescribePermissionSet). One {@code aws.identitycenter.user} per user, citing
 * every answer its access comes from. What cannot be read is a failure naming the action: a group's members or
 * assignments unread leave every user's access unknown (the type), a user's own assignments only that user.
 */
final class IdentityCenterScan {
    static final String USER = "aws.identitycenter.user";
    static final String PERMISSION_INSTANCES = "sso:ListInstances";
    static final String PERMISSION_USERS = "identitystore:ListUsers";
    static final String PERMISSION_GROUPS = "identitystore:ListGroups";
    static final String PERMISSION_MEMBERSHIPS = "identitystore:ListGroupMemberships";
    static final String PERMISSION_ASSIGNMENTS = "sso:ListAccountAssignmentsForPrincipal";
    static final String PERMISSION_PERMISSION_SET = "sso:DescribePermissionSet";

    private final SsoAdminClient ssoAdmin;
    private final IdentitystoreClient identityStore;
    private final String accountId;
    private final String scope;
    private final Map<String, String> permissionSetNames = new HashMap<>();
    private final Map<String, Provenance.Citation> permissionSetCitations = new HashMap<>();

    /** @param scope the region both clients' raw responses are kept under */
    IdentityCenterScan(SsoAdminClient ssoAdmin, IdentitystoreClient identityStore, String accountId, String scope) {
        this.ssoAdmin = ssoAdmin;
        this.identityStore = identityStore;
        this.accountId = accountId;
        this.scope = scope;
    }

    void run(CollectionContext context) {
        List<InstanceMetadata> instances;
        try {
            instances = ssoAdmin.listInstancesPaginator(r -> { }).stream()
                    .flatMap(page -> page.instances().stream()).toList();
        } catch (SdkException e) {
            context.failure(AwsErrors.failure(USER, null, "list the IAM Identity Center instances of account "
                    + accountId, PERMISSION_INSTANCES, e));
            return;
        }
        for (InstanceMetadata instance : instances) {
            try {
                instance(context, instance);
            } catch (Unreadable e) {
                context.failure(AwsErrors.failure(USER, e.resourceKey, e.what, e.permission, e.cause));
            }
        }
    }

    /** What a step could not read: the failure it is reported as. */
    private static final class Unreadable extends Exception {
        final String resourceKey;
        final String what;
        final String permission;
        final SdkException cause;

        Unreadable(String resourceKey, String what, String permission, SdkException cause) {
            super(what, cause);
            this.resourceKey = resourceKey;
            this.what = what;
            this.permission = permission;
            this.cause = cause;
        }
    }

    /** A user and the page of ListUsers it was listed on. */
    private record Listed(User user, RawResponse page) {
    }

    /** A group's members, its assignments, and the answers they came from. */
    private record GroupAccess(String name, Set<String> members, List<IdentityCenterFacts.Assignment> assignments,
                               List<Provenance.Citation> citations) {
    }

    private void instance(CollectionContext context, InstanceMetadata instance) throws Unreadable {
        String store = instance.identityStoreId();
        String instanceArn = instance.instanceArn();
        Map<String, String> storeParameter = Map.of("IdentityStoreId", store);
        List<Listed> users = new ArrayList<>();
        try {
            for (ListUsersResponse page : identityStore.listUsersPaginator(r -> r.identityStoreId(store))) {
                RawResponse raw = raw(context, "ListUsers");
                page.users().forEach(u -> users.add(new Listed(u, raw)));
            }
        } catch (SdkException e) {
            throw new Unreadable(null, "list the users of identity store " + store, PERMISSION_USERS, e);
        }
        List<GroupAccess> groups = new ArrayList<>();
        List<Group> listed;
        try {
            listed = identityStore.listGroupsPaginator(r -> r.identityStoreId(store)).stream()
                    .flatMap(page -> page.groups().stream()).toList();
        } catch (SdkException e) {
            throw new Unreadable(null, "list the groups of identity store " + store, PERMISSION_GROUPS, e);
        }
        for (Group group : listed) {
            String name = group.displayName() != null ? group.displayName() : group.groupId();
            List<Provenance.Citation> citations = new ArrayList<>();
            Set<String> members = new HashSet<>(); // looked up once per user: a set, not a list
            try {
                for (ListGroupMembershipsResponse page : identityStore.listGroupMembershipsPaginator(
                        r -> r.identityStoreId(store).groupId(group.groupId()))) {
                    cite(context, "ListGroupMemberships", PERMISSION_MEMBERSHIPS, Map.of("IdentityStoreId", store, "GroupId",
                            group.groupId()), citations);
                    page.groupMemberships().stream().map(GroupMembership::memberId)
                            .filter(m -> m != null && m.userId() != null).forEach(m -> members.add(m.userId()));
                }
            } catch (SdkException e) {
                throw new Unreadable(null, "list the members of group " + name + " in identity store " + store,
                        PERMISSION_MEMBERSHIPS, e);
            }
            groups.add(new GroupAccess(name, members, assignments(context, instanceArn, group.groupId(),
                    PrincipalType.GROUP, "group:" + name, citations, null), citations));
        }
        for (Listed listedUser : users) {
            User u = listedUser.user();
            String key = "aws:" + accountId + ":identitycenter:" + store + ":user/" + u.userId();
            List<Provenance.Citation> supporting = new ArrayList<>();
            List<IdentityCenterFacts.Assignment> access;
            try {
                access = new ArrayList<>(assignments(context, instanceArn, u.userId(), PrincipalType.USER, "user",
                        supporting, key));
            } catch (Unreadable e) {
                context.failure(AwsErrors.failure(USER, e.resourceKey, e.what, e.permission, e.cause));
                continue;
            }
            List<String> memberOf = new ArrayList<>();
            for (GroupAccess g : groups) {
                if (g.members().contains(u.userId())) {
                    memberOf.add(g.name());
                    access.addAll(g.assignments());
                    supporting.addAll(g.citations());
                }
            }
            access.stream().map(IdentityCenterFacts.Assignment::permissionSet).distinct()
                    .map(permissionSetCitations::get).filter(c -> c != null).forEach(supporting::add);
            List<IdentityCenterFacts.Email> emails = u.emails().stream()
                    .filter(e -> e.value() != null && !e.value().isBlank())
                    .map(e -> new IdentityCenterFacts.Email(e.value(), Boolean.TRUE.equals(e.primary()))).toList();
            Map<String, String> parameters = new LinkedHashMap<>(storeParameter);
            parameters.put("UserId", u.userId());
            context.evidence(USER, key, IdentityCenterFacts.user(store, u.userId(), u.userName(), u.displayName(),
                            emails, u.userStatusAsString(), memberOf, access),
                    context.provenance(PERMISSION_USERS, parameters, listedUser.page(), supporting));
        }
    }

    /** The account assignments of one principal, with each permission set by name; their answers cited. */
    private List<IdentityCenterFacts.Assignment> assignments(CollectionContext context, String instanceArn,
                                                             String principalId, PrincipalType type, String via,
                                                             List<Provenance.Citation> citations, String resourceKey)
            throws Unreadable {
        List<IdentityCenterFacts.Assignment> out = new ArrayList<>();
        try {
            for (ListAccountAssignmentsForPrincipalResponse page : ssoAdmin.listAccountAssignmentsForPrincipalPaginator(
                    r -> r.instanceArn(instanceArn).principalId(principalId).principalType(type))) {
                cite(context, "ListAccountAssignmentsForPrincipal", PERMISSION_ASSIGNMENTS, Map.of("PrincipalType", type.toString(),
                        "PrincipalId", principalId), citations);
                for (AccountAssignmentForPrincipal a : page.accountAssignments()) {
                    out.add(new IdentityCenterFacts.Assignment(a.accountId(),
                            permissionSet(context, instanceArn, a.permissionSetArn()), via));
                }
            }
        } catch (SdkException e) {
            throw new Unreadable(resourceKey, "list the account assignments of " + type.toString().toLowerCase()
                    + " " + principalId, PERMISSION_ASSIGNMENTS, e);
        }
        return out;
    }

    /** A permission set's name (asked once per set and run); its ARN when it cannot be described. */
    private String permissionSet(CollectionContext context, String instanceArn, String arn) {
        return permissionSetNames.computeIfAbsent(arn, a -> {
            try {
                String name = ssoAdmin.describePermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(a))
                        .permissionSet().name();
                List<Provenance.Citation> cited = new ArrayList<>();
                cite(context, "DescribePermissionSet", PERMISSION_PERMISSION_SET, Map.of("PermissionSetArn", a), cited);
                cited.forEach(c -> permissionSetCitations.put(name, c));
                return name;
            } catch (SdkException e) {
                // the ARN still says which set it is; only its readable name is missing
                return a;
            }
        });
    }

    /** Cites the answer just read to {@code operation} (its latest under the key), named as its IAM action. */
    private void cite(CollectionContext context, String operation, String action, Map<String, String> parameters,
                      List<Provenance.Citation> to) {
        RawResponse raw = raw(context, operation);
        if (raw != null) {
            to.add(raw.cite(action, parameters));
        }
    }

    private RawResponse raw(CollectionContext context, String operation) {
        return context.raw().get(SdkCaptureInterceptor.key(scope, operation, null)).orElse(null);
    }
}
