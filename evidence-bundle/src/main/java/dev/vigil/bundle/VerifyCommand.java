package dev.vigil.bundle;

import dev.vigil.bundle.VerificationReport.FileProblem;
import dev.vigil.bundle.VerificationReport.KeySource;
import dev.vigil.bundle.VerificationReport.LedgerCheck;
import dev.vigil.bundle.VerificationReport.SignatureCheck;
import dev.vigil.common.ledger.LedgerVerification;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The auditor's offline verifier:
 * <pre>java -jar vigil-verify.jar bundle.zip [--key-set signing-keys.jwks.json | --public-key signing-key.jwk.json]</pre>
 * Exit code 0 when everything verifies, 1 when anything does not, 2 for a usage error (bad arguments, an
 * unreadable key file).
 */
public final class VerifyCommand {
    static final int VERIFIED = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: java -jar vigil-verify.jar <bundle.zip> [--key-set <keys.jwks.json> | --public-key <key.jwk.json>]
              --key-set     the bundle signing keys the service publishes (a JWK Set, GET /api/bundles/signing-keys):
                            the bundle's key is picked by its key id and must have been valid when the bundle was
                            created. Verifies bundles signed before and after a key rotation.
              --public-key  one bundle signing key (a JWK, GET /api/bundles/signing-key).
            Without either, the key inside the bundle is used, which proves the bundle is intact but not who made it.""";

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path bundle = null;
        Path keyFile = null;
        Path keySetFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--public-key") && i + 1 < args.length && keyFile == null) {
                keyFile = Path.of(args[++i]);
            } else if (arg.equals("--key-set") && i + 1 < args.length && keySetFile == null) {
                keySetFile = Path.of(args[++i]);
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE_TEXT);
                return VERIFIED;
            } else if (!arg.startsWith("-") && bundle == null) {
                bundle = Path.of(arg);
            } else {
                err.println("unexpected argument '" + arg + "'");
                err.println(USAGE_TEXT);
                return USAGE;
            }
        }
        if (bundle == null) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (keyFile != null && keySetFile != null) {
            err.println("give either --key-set or --public-key, not both");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (!Files.isRegularFile(bundle)) {
            err.println("no such file: " + bundle);
            return USAGE;
        }
        BundleVerifier verifier;
        if (keySetFile != null) {
            try {
                verifier = BundleVerifier.trusting(BundleKeySet.read(keySetFile));
            } catch (IOException | IllegalArgumentException e) {
                err.println("cannot read the key set " + keySetFile + ": " + e.getMessage());
                return USAGE;
            }
        } else {
            try {
                verifier = keyFile == null ? BundleVerifier.usingEmbeddedKey()
                        : BundleVerifier.trusting(BundleVerifier.readPublicKey(keyFile));
            } catch (IOException | IllegalArgumentException e) {
                err.println("cannot read the public key " + keyFile + ": " + e.getMessage());
                return USAGE;
            }
        }
        VerificationReport report;
        try {
            report = verifier.verify(bundle);
        } catch (IOException e) {
            err.println("cannot read " + bundle + ": " + e.getMessage());
            out.println("FAILED");
            return FAILED;
        }
        print(bundle, keySetFile != null ? keySetFile : keyFile, report, out);
        return report.verified() ? VERIFIED : FAILED;
    }

    static void print(Path bundle, Path keyFile, VerificationReport report, PrintStream out) {
        out.println("Bundle     " + bundle);
        if (report.manifest() != null) {
            BundleMetadata m = report.manifest().metadata();
            out.println("Period     " + m.periodFrom() + " to " + m.periodTo() + " (created " + m.createdAt()
                    + " by " + m.generatorName() + " " + m.generatorVersion() + ", catalogue "
                    + m.catalogueVersion() + ")");
        }
        SignatureCheck s = report.signature();
        out.println("Signature  " + (s.valid() ? "VALID" : "INVALID") + ", algorithm " + orUnknown(s.algorithm())
                + ", key id " + orUnknown(s.keyId()));
        if (s.keySource() == KeySource.TRUSTED) {
            out.println("           checked with the trusted public key " + keyFile + ": proves origin and integrity");
        } else if (s.keySource() == KeySource.KEY_SET && s.key() != null) {
            out.println("           key " + s.key().kid() + " of the trusted key set " + keyFile + ", valid "
                    + s.key().describeValidity());
            if (s.valid()) {
                out.println("           and the bundle was created within it: proves origin and integrity");
            }
        } else if (s.keySource() == KeySource.EMBEDDED) {
            out.println("           checked with the key inside the bundle (" + BundleLayout.PUBLIC_KEY
                    + "): this proves integrity only, not origin;");
            out.println("           pass --public-key with the key the service publishes to prove who signed it");
        }
        out.println("Files      " + report.filesListed() + " listed, " + report.filesVerified() + " verified, "
                + report.problems().size() + " problem(s)");
        for (FileProblem p : report.problems()) {
            out.println("  FAILED   " + p.path() + ": " + p.reason());
        }
        out.println("Ledger     " + describe(report.ledger()));
        if (!report.decisions().isEmpty()) {
            out.println("Decisions  " + report.decisions().size() + " risk acceptance(s) and scoping decision(s) in "
                    + "the ledger segment");
            for (VerificationReport.Decision d : report.decisions()) {
                out.println("  seq " + d.seq() + "  " + describe(d));
            }
        }
        out.println(report.verified() ? "VERIFIED" : "FAILED");
    }

    private static String describe(LedgerCheck ledger) {
        if (ledger.chained()) {
            long records = ledger.chains().stream().mapToLong(c -> c.result().recordsChecked()).sum();
            StringBuilder text = new StringBuilder(ledger.ok() ? "LINKS: " : "BROKEN: ").append(ledger.chains().size())
                    .append(" chain(s), ").append(records).append(" records, ").append(ledger.checkpoints())
                    .append(" signed checkpoint(s)");
            for (VerificationReport.ChainCheck c : ledger.chains()) {
                LedgerAnchor a = c.anchor();
                long n = c.result().recordsChecked();
                text.append("\n           ").append(c.chain()).append(": ").append(n == 0 ? "no records"
                        : n + " records, seq " + a.firstSeq() + ".." + (a.firstSeq() + n - 1));
            }
            ledger.problems().forEach(p -> text.append("\n  FAILED   ").append(p));
            return text.toString();
        }
        if (!ledger.present()) {
            return "no ledger segment in this bundle";
        }
        if (ledger.problem() != null) {
            return "FAILED: " + ledger.problem();
        }
        LedgerVerification r = ledger.result();
        LedgerAnchor a = ledger.anchor();
        if (!r.valid()) {
            return "BROKEN at seq " + r.brokenSeq() + ": " + r.breakage() + ": " + r.detail();
        }
        String range = r.recordsChecked() == 0 ? "no records"
                : r.recordsChecked() + " records, seq " + a.firstSeq() + ".." + (a.firstSeq() + r.recordsChecked() - 1);
        return "LINKS: " + range + ", from " + a.prevHash() + " to " + r.lastHash();
    }

    /** "vigil.exception EX-1 ACCEPTED LS-01 at …: requested by alice, approved by bob". */
    static String describe(VerificationReport.Decision d) {
        String head = d.resourceType() + " " + d.resourceKey();
        Map<String, String> f = d.document();
        if (f == null) {
            return head + " at " + d.at() + " (its document is not in this bundle)";
        }
        String who = "requested by " + f.get("requestedBy") + ", approved by " + f.get("approvedBy");
        if ("REVOKED".equals(f.get("event"))) {
            who = "revoked at the request of " + f.get("revokedBy") + ", approved by " + f.get("revocationApprovedBy")
                    + " (was " + who + ")";
        }
        return head + " " + f.get("event") + " " + f.get("controlId")
                + (f.get("resourceKey") != null ? " resource " + f.get("resourceKey") : "") + " at " + d.at()
                + ": " + who;
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }
}
