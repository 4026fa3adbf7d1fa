package dev.vigil.evaluator.identity;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * Identity join settings ({@code vigil.identity.*}; docs/configuration.md): the bots and service accounts that
 * belong to no person, each with who answers for it.
 */
@ConfigMapping(prefix = "vigil.identity")
public interface IdentityConfig {

    /** {@code vigil.identity.service-accounts[0].system=github}, {@code .name=acme-ci-bot}, {@code .owner=...}. */
    Optional<List<ServiceAccount>> serviceAccounts();

    interface ServiceAccount {
        /** The system of the account, as {@code identity.account} facts name it: {@code github}, {@code aws}. */
        String system();

        /** The account's name there: a GitHub login, an IAM user name (compared ignoring case). */
        String name();

        /** The person or team that answers for it, e.g. {@code platform-team@acme-demo.example}. */
        String owner();

        /** What it is for. */
        Optional<String> purpose();
    }

    /** The declarations as the pure join takes them. */
    default List<IdentityJoin.ServiceAccount> declared() {
        return serviceAccounts().orElse(List.of()).stream()
                .map(s -> new IdentityJoin.ServiceAccount(s.system(), s.name(), s.owner(), s.purpose().orElse(null)))
                .toList();
    }
}
