package dev.vigil.evaluator.rules;

import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An Entra ID tenant must make every user sign in with MFA: security defaults are on, or an enabled conditional
 * access policy covers all users and all cloud apps, from every location and client, and grants only with MFA
 * (the built-in {@code mfa} control, alone or required with the others, or an authentication strength). A
 * report-only policy enforces nothing; excluded accounts (emergency access accounts, as Microsoft recommends) are
 * named in the reason. A registered method alone ({@code entra.active-user-mfa-registered}) is not enforcement.
 */
@Singleton
public class EntraMfaEnforcedForAllUsers implements Rule {

    @Override
    public String id() {
        return "entra.mfa-enforced-for-all-users";
    }

    @Override
    public String resourceType() {
        return "entra.sign-in-policy";
    }

    @Override
    public String description() {
        return "Security defaults are on, or an enabled conditional access policy requires MFA of all users for all "
                + "cloud apps.";
    }

    @Override
    public Verdict judge(Facts facts) {
        Object defaults = facts.values().get("securityDefaultsEnabled");
        if (Boolean.TRUE.equals(defaults)) {
            return Verdict.pass("security defaults are on: every user registers and uses MFA");
        }
        List<String> reportOnly = new ArrayList<>();
        for (Object item : facts.list("conditionalAccessPolicies")) {
            if (!(item instanceof Map<?, ?> policy) || !coversEveryoneWithMfa(policy)) {
                continue;
            }
            String name = "conditional access policy \"" + policy.get("name") + "\"";
            if ("enabled".equals(policy.get("state"))) {
                int excluded = size(policy.get("excludeUsers")) + size(policy.get("excludeGroups"))
                        + size(policy.get("excludeRoles"));
                return Verdict.pass(name + " requires MFA of all users for all cloud apps"
                        + (excluded == 0 ? "" : " (" + excluded + " excluded user(s), group(s) or role(s), as "
                        + "emergency access accounts are)"));
            }
            if ("enabledForReportingButNotEnforced".equals(policy.get("state"))) {
                reportOnly.add(name);
            }
        }
        if (defaults == null) {
            return Verdict.unknown("Graph did not say whether security defaults are on, and no enabled conditional "
                    + "access policy requires MFA of all users");
        }
        return Verdict.fail("security defaults are off and no enabled conditional access policy requires MFA of all "
                + "users for all cloud apps" + (reportOnly.isEmpty() ? ""
                : " (report-only, enforcing nothing: " + String.join(", ", reportOnly) + ")"));
    }

    /** All users, all apps, every location and client app, granting only with MFA; its state is judged apart. */
    private static boolean coversEveryoneWithMfa(Map<?, ?> policy) {
        if (!contains(policy.get("includeUsers"), "All") || !contains(policy.get("includeApplications"), "All")
                || size(policy.get("excludeApplications")) > 0 || size(policy.get("excludeLocations")) > 0) {
            return false;
        }
        Object locations = policy.get("includeLocations");
        if (locations != null && !contains(locations, "All")) {
            return false;
        }
        Object clients = policy.get("clientAppTypes");
        if (clients != null && !contains(clients, "all")) {
            return false;
        }
        if (policy.get("authenticationStrength") != null) {
            return true;
        }
        Object controls = policy.get("builtInControls");
        // "mfa OR compliantDevice" lets a managed device in with a password alone
        return contains(controls, "mfa") && (size(controls) == 1 || "AND".equals(policy.get("grantOperator")));
    }

    private static boolean contains(Object list, String value) {
        return list instanceof Collection<?> c && c.contains(value);
    }

    private static int size(Object list) {
        return list instanceof Collection<?> c ? c.size() : 0;
    }
}
