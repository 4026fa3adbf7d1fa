package dev.vigil.bundle;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import dev.vigil.bundle.VerificationReport.FileProblem;
import dev.vigil.bundle.VerificationReport.KeySource;
import dev.vigil.bundle.VerificationReport.LedgerCheck;
import dev.vigil.bundle.VerificationReport.SignatureCheck;
import dev.vigil.common.evidence.Hashing;
import dev.vigil.common.ledger.CheckpointedLedger;
import dev.vigil.common.ledger.LedgerDecision;
import dev.vigil.common.ledger.LedgerVerification;
import dev.vigil.common.ledger.LedgerRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks a bundle offline: the manifest's signature, every listed file's sha256 and size, files the manifest does
 * not list, and the ledger segment. Nothing is extracted; files are hashed as they are read. Layout and the
 * auditor's steps: docs/bundles.md.
 */
public final class BundleVerifier {
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

    /** The pinned keys, or null: the bundle's own key is used. */
    private final BundleKeySet trusted;
    /** Pinned as one key ({@code --public-key}) rather than a key set. */
    private final boolean singleKey;

    private BundleVerifier(BundleKeySet trusted, boolean singleKey) {
        this.trusted = trusted;
        this.singleKey = singleKey;
    }

    /**
     * A verifier that checks the signature against {@code publicKey}, the key the service publishes: a valid
     * signature then proves who made the bundle. If the JWK carries {@code nbf}/{@code exp}, the bundle's creation
     * time must lie within them.
     */
    public static BundleVerifier trusting(ECKey publicKey) {
        if (!Curve.P_256.equals(publicKey.getCurve())) {
            throw new IllegalArgumentException("the trusted key must be an EC P-256 key (ES256)");
        }
        return new BundleVerifier(BundleKeySet.of(List.of(BundleKey.fromJwk(publicKey, false))), true);
    }

    /**
     * A verifier that checks the signature against the key of {@code keySet} the bundle names ({@code kid}), the key
     * set the service publishes ({@code GET /api/bundles/signing-keys}): the bundle's signed creation time must lie
     * in that key's validity. Bundles signed before and after a key rotation verify against the same pinned set.
     */
    public static BundleVerifier trusting(BundleKeySet keySet) {
        return new BundleVerifier(keySet, false);
    }

    /**
     * A verifier that takes the key from the bundle's own signing-key.jwk.json: it proves the bundle was not
     * changed after signing, not who signed it.
     */
    public static BundleVerifier usingEmbeddedKey() {
        return new BundleVerifier(null, false);
    }

    /** Reads a public (or private: only its public half is used) EC JWK from a file. */
    public static ECKey readPublicKey(Path jwkFile) throws IOException {
        try {
            return ECKey.parse(Files.readString(jwkFile, StandardCharsets.UTF_8)).toPublicJWK();
        } catch (ParseException e) {
            throw new IllegalArgumentException(jwkFile + " is not an EC JWK: " + e.getMessage(), e);
        }
    }

    public VerificationReport verify(Path bundle) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(bundle.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            return unreadable(bundle, "not a readable ZIP: " + e.getMessage());
        }
        try (zip) {
            return new Run(zip).verify();
        } catch (ZipException e) {
            return unreadable(bundle, "damaged ZIP: " + e.getMessage());
        }
    }

    private static VerificationReport unreadable(Path bundle, String reason) {
        return new VerificationReport(new SignatureCheck(false, null, null, KeySource.NONE, reason), null, 0, 0,
                List.of(new FileProblem(bundle.getFileName().toString(), reason)), LedgerCheck.ABSENT, List.of());
    }

    /** One verification: the state gathered while reading one ZIP. */
    private final class Run {
        private final ZipFile zip;
        private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
        private final List<FileProblem> problems = new ArrayList<>();

        Run(ZipFile zip) {
            this.zip = zip;
        }

        VerificationReport verify() throws IOException {
            indexEntries();
            byte[] manifestBytes = readSmall(BundleLayout.MANIFEST);
            Manifest manifest = null;
            if (manifestBytes == null) {
                problem(BundleLayout.MANIFEST, "missing");
            } else {
                try {
                    manifest = Manifest.parse(manifestBytes);
                } catch (IllegalArgumentException e) {
                    problem(BundleLayout.MANIFEST, "unreadable: " + e.getMessage());
                }
            }
            SignatureCheck signature = checkSignature(manifestBytes, manifest);
            int listed = 0;
            int verified = 0;
            Set<String> listedPaths = new HashSet<>();
            if (manifest != null) {
                listed = manifest.files().size();
                for (ManifestFile file : manifest.files()) {
                    if (checkFile(file, listedPaths)) {
                        verified++;
                    }
                }
            }
            for (String path : entries.keySet()) {
                if (!listedPaths.contains(path) && !path.equals(BundleLayout.MANIFEST)
                        && !path.equals(BundleLayout.SIGNATURE) && manifest != null) {
                    problem(path, "in the bundle but not listed in manifest.json");
                }
            }
            LedgerCheck ledger = checkLedger();
            List<VerificationReport.Decision> decisions = ledger.ok() && ledger.present() ? decisions() : List.of();
            return new VerificationReport(signature, manifest, listed, verified, problems, ledger, decisions);
        }

        private void indexEntries() {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() && entry.getSize() == 0) {
                    continue; // re-zipping tools add folder entries; they hold nothing
                }
                String pathProblem = BundleLayout.pathProblem(name);
                if (pathProblem != null) {
                    problem(name, "unsafe path in the ZIP: " + pathProblem);
                }
                if (entries.putIfAbsent(name, entry) != null) {
                    problem(name, "appears more than once in the ZIP");
                }
            }
        }

        private SignatureCheck checkSignature(byte[] manifestBytes, Manifest manifest) throws IOException {
            byte[] jwsBytes = readSmall(BundleLayout.SIGNATURE);
            if (jwsBytes == null) {
                return invalid(null, null, KeySource.NONE, BundleLayout.SIGNATURE, "missing");
            }
            String compact = new String(jwsBytes, StandardCharsets.US_ASCII);
            String[] parts = compact.split("\\.", -1);
            if (parts.length != 3 || !parts[1].isEmpty() || !canonical(parts[0]) || !canonical(parts[2])) {
                return invalid(null, null, KeySource.NONE, BundleLayout.SIGNATURE,
                        "not a detached compact JWS (base64url header, '..', base64url signature)");
            }
            JWSObject jws;
            try {
                jws = JWSObject.parse(compact, new Payload(manifestBytes == null ? new byte[0] : manifestBytes));
            } catch (ParseException e) {
                return invalid(null, null, KeySource.NONE, BundleLayout.SIGNATURE, "unreadable: " + e.getMessage());
            }
            JWSHeader header = jws.getHeader();
            String alg = header.getAlgorithm().getName();
            String kid = header.getKeyID();
            if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
                return invalid(alg, kid, KeySource.NONE, BundleLayout.SIGNATURE, "algorithm " + alg + " is not ES256");
            }
            Object signedSha = header.getCustomParam(BundleSigner.MANIFEST_SHA256_HEADER);
            if (kid == null || !(signedSha instanceof String sha) || !HEX_64.matcher(sha).matches()) {
                return invalid(alg, kid, KeySource.NONE, BundleLayout.SIGNATURE, "header lacks 'kid' or a valid '"
                        + BundleSigner.MANIFEST_SHA256_HEADER + "'");
            }
            KeySource source;
            BundleKey trustedKey = null;
            ECKey key;
            if (trusted == null) {
                source = KeySource.EMBEDDED;
                key = embeddedKey(kid);
                if (key == null) {
                    return new SignatureCheck(false, alg, kid, KeySource.NONE, "no usable public key");
                }
            } else {
                source = singleKey ? KeySource.TRUSTED : KeySource.KEY_SET;
                trustedKey = trusted.find(kid);
                if (trustedKey == null) {
                    return invalid(alg, kid, source, BundleLayout.SIGNATURE, singleKey
                            ? "signed by key " + kid + ", not by the trusted key " + trusted.kids().get(0)
                            : "signed by key " + kid + ", which is not in the trusted key set (unknown key id; the"
                            + " set holds " + String.join(", ", trusted.kids()) + ")");
                }
                key = trustedKey.publicKey();
            }
            if (manifestBytes == null) {
                return new SignatureCheck(false, alg, kid, source, "manifest.json is missing", trustedKey);
            }
            String actualSha = Hashing.sha256Hex(manifestBytes);
            if (!actualSha.equals(sha)) {
                return invalid(alg, kid, source, BundleLayout.MANIFEST, "sha256 " + actualSha
                        + " is not the " + sha + " that manifest.jws signs: manifest.json was changed after signing",
                        trustedKey);
            }
            try {
                if (!jws.verify(new ECDSAVerifier(key))) {
                    return invalid(alg, kid, source, BundleLayout.SIGNATURE,
                            "the signature does not verify over manifest.json with key " + kid + " (bad signature)",
                            trustedKey);
                }
            } catch (JOSEException e) {
                return invalid(alg, kid, source, BundleLayout.SIGNATURE, "cannot verify: " + e.getMessage(),
                        trustedKey);
            }
            // The signature holds: what manifest.json says is what the key's holder signed.
            if (manifest == null) {
                return new SignatureCheck(false, alg, kid, source, "manifest.json is unreadable, so the bundle's"
                        + " creation time cannot be checked against the key's validity", trustedKey);
            }
            if (manifest.signingKeyId() != null && !manifest.signingKeyId().equals(kid)) {
                return invalid(alg, kid, source, BundleLayout.MANIFEST, "names signing key "
                        + manifest.signingKeyId() + ", but manifest.jws was signed with key " + kid, trustedKey);
            }
            Instant created = manifest.metadata().createdAt();
            if (trustedKey != null && !trustedKey.validAt(created)) {
                boolean early = trustedKey.notBefore() != null && created.isBefore(trustedKey.notBefore());
                return invalid(alg, kid, source, BundleLayout.SIGNATURE, "key " + kid + " was not valid at the"
                        + " bundle's creation time " + created + ": the key is valid " + trustedKey.describeValidity()
                        + (early ? " (the bundle claims a time before the key came into use)"
                        : " (the bundle claims a time after the key was retired)"), trustedKey);
            }
            return new SignatureCheck(true, alg, kid, source, null, trustedKey);
        }

        /** The bundle's own public key, checked to be the one the header names; null (and a problem) if not. */
        private ECKey embeddedKey(String kid) throws IOException {
            byte[] json = readSmall(BundleLayout.PUBLIC_KEY);
            if (json == null) {
                problem(BundleLayout.PUBLIC_KEY, "missing, and no trusted public key was given");
                return null;
            }
            ECKey key;
            try {
                key = ECKey.parse(new String(json, StandardCharsets.UTF_8)).toPublicJWK();
            } catch (ParseException e) {
                problem(BundleLayout.PUBLIC_KEY, "not an EC JWK: " + e.getMessage());
                return null;
            }
            String thumbprint = BundleSigner.thumbprint(key);
            if (!thumbprint.equals(kid)) {
                problem(BundleLayout.PUBLIC_KEY, "its thumbprint " + thumbprint + " is not the key id " + kid
                        + " that signed manifest.jws");
                return null;
            }
            return key;
        }

        private SignatureCheck invalid(String alg, String kid, KeySource source, String path, String reason) {
            return invalid(alg, kid, source, path, reason, null);
        }

        private SignatureCheck invalid(String alg, String kid, KeySource source, String path, String reason,
                                       BundleKey key) {
            problem(path, reason);
            return new SignatureCheck(false, alg, kid, source, path + ": " + reason, key);
        }

        /** True if the listed file is there with the listed sha256 and size. */
        private boolean checkFile(ManifestFile file, Set<String> listedPaths) throws IOException {
            String path = file.path();
            String pathProblem = BundleLayout.pathProblem(path);
            if (pathProblem != null) {
                problem(path, "unsafe path in manifest.json: " + pathProblem);
                return false;
            }
            if (!listedPaths.add(path)) {
                problem(path, "listed twice in manifest.json");
                return false;
            }
            if (path.equals(BundleLayout.MANIFEST) || path.equals(BundleLayout.SIGNATURE)) {
                problem(path, "manifest.json may not list itself or its signature");
                return false;
            }
            ZipEntry entry = entries.get(path);
            if (entry == null) {
                problem(path, "listed in manifest.json but missing from the bundle");
                return false;
            }
            DigestingOutputStream digest = new DigestingOutputStream(OutputStream.nullOutputStream());
            try (InputStream in = zip.getInputStream(entry)) {
                in.transferTo(digest);
            } catch (ZipException e) {
                problem(path, "cannot be read from the ZIP: " + e.getMessage());
                return false;
            }
            String sha = digest.sha256Hex();
            if (digest.size() != file.size()) {
                problem(path, "size " + digest.size() + " bytes, manifest.json says " + file.size());
                return false;
            }
            if (!sha.equals(file.sha256())) {
                problem(path, "sha256 " + sha + ", manifest.json says " + file.sha256());
                return false;
            }
            return true;
        }

        private LedgerCheck checkLedger() throws IOException {
            if (entries.containsKey(BundleLayout.LEDGER_CHECKPOINTS)
                    || entries.keySet().stream().anyMatch(p -> p.startsWith(BundleLayout.LEDGER_CHAINS))) {
                return checkChains();
            }
            ZipEntry segment = entries.get(BundleLayout.LEDGER_SEGMENT);
            byte[] anchorJson = readSmall(BundleLayout.LEDGER_ANCHOR);
            if (segment == null && anchorJson == null) {
                return LedgerCheck.ABSENT;
            }
            if (segment == null || anchorJson == null) {
                String missing = segment == null ? BundleLayout.LEDGER_SEGMENT : BundleLayout.LEDGER_ANCHOR;
                return new LedgerCheck(true, null, null, missing + " is missing");
            }
            LedgerAnchor anchor;
            try {
                anchor = LedgerSegment.parseAnchor(anchorJson);
            } catch (IllegalArgumentException e) {
                return new LedgerCheck(true, null, null, BundleLayout.LEDGER_ANCHOR + " is unreadable: "
                        + e.getMessage());
            }
            try (InputStream in = zip.getInputStream(segment)) {
                return new LedgerCheck(true, anchor, LedgerSegment.verify(in, anchor), null);
            }
        }

        /**
         * A ledger of one chain per partition: the checkpoints first (linked, hashed, signed by a key of
         * {@code ledger/checkpoint-keys.json}), then each chain's segment against its anchor and the heads the
         * checkpoints name. Every problem names the chain and seq, or the checkpoint.
         */
        private LedgerCheck checkChains() throws IOException {
            List<String> failures = new ArrayList<>();
            byte[] keysJson = readSmall(BundleLayout.LEDGER_CHECKPOINT_KEYS);
            dev.vigil.common.signing.EventVerifier keys = null;
            if (keysJson != null) {
                try {
                    keys = LedgerCheckpointsFile.readKeys(keysJson);
                } catch (IllegalArgumentException e) {
                    failures.add(BundleLayout.LEDGER_CHECKPOINT_KEYS + " is unreadable: " + e.getMessage());
                }
            }
            CheckpointedLedger ledger = new CheckpointedLedger(keys);
            ZipEntry checkpoints = entries.get(BundleLayout.LEDGER_CHECKPOINTS);
            if (checkpoints == null) {
                failures.add(BundleLayout.LEDGER_CHECKPOINTS + " is missing: nothing binds the chains together");
            } else {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(zip.getInputStream(checkpoints),
                        StandardCharsets.UTF_8))) {
                    long lineNo = 0;
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        lineNo++;
                        try {
                            ledger.checkpoint(LedgerCheckpointsFile.fromJsonLine(line));
                        } catch (IllegalArgumentException e) {
                            failures.add(BundleLayout.LEDGER_CHECKPOINTS + " line " + lineNo
                                    + " is not a checkpoint: " + e.getMessage());
                            break;
                        }
                    }
                }
            }
            java.util.SortedSet<String> chains = new java.util.TreeSet<>();
            for (String path : entries.keySet()) {
                if (path.startsWith(BundleLayout.LEDGER_CHAINS)) {
                    String rest = path.substring(BundleLayout.LEDGER_CHAINS.length());
                    int slash = rest.indexOf('/');
                    chains.add(slash < 0 ? rest : rest.substring(0, slash));
                }
            }
            List<VerificationReport.ChainCheck> checked = new ArrayList<>();
            for (String chain : chains) {
                ZipEntry segment = entries.get(BundleLayout.chainSegment(chain));
                byte[] anchorJson = readSmall(BundleLayout.chainAnchor(chain));
                if (segment == null || anchorJson == null) {
                    failures.add("chain " + chain + ": " + (segment == null ? BundleLayout.chainSegment(chain)
                            : BundleLayout.chainAnchor(chain)) + " is missing");
                    continue;
                }
                LedgerAnchor anchor;
                CheckpointedLedger.Chain verifier;
                try {
                    anchor = LedgerSegment.parseAnchor(anchorJson);
                    verifier = ledger.chain(chain, anchor.prevHash(), anchor.firstSeq());
                } catch (IllegalArgumentException e) {
                    failures.add("chain " + chain + ": " + BundleLayout.chainAnchor(chain) + " is unreadable: "
                            + e.getMessage());
                    continue;
                }
                LedgerVerification result;
                try (InputStream in = zip.getInputStream(segment)) {
                    result = LedgerSegment.verify(in, anchor, verifier);
                }
                if (!result.valid() && verifier.result().valid()) {
                    // MALFORMED or ANCHOR_MISMATCH: the file's own fault, which the chain check does not see
                    failures.add("chain " + chain + " seq " + result.brokenSeq() + ": " + result.breakage() + ": "
                            + result.detail());
                } else if (result.valid()) {
                    verifier.end();
                }
                checked.add(new VerificationReport.ChainCheck(chain, anchor, result));
            }
            for (String named : ledger.chainsNamed()) {
                if (!chains.contains(named)) {
                    ledger.chainAbsent(named);
                }
            }
            ledger.problems().forEach(p -> failures.add(p.message()));
            return LedgerCheck.ofChains(checked, ledger.checkpointsChecked(), failures);
        }

        /**
         * The segment's risk acceptances and scoping decisions, each with its document when the bundle carries it;
         * a document whose sha256 is not its record's evidenceId is a problem (it was swapped or changed).
         */
        private List<VerificationReport.Decision> decisions() throws IOException {
            List<VerificationReport.Decision> out = new ArrayList<>();
            // in a ledger of several chains, decisions have their own chain
            ZipEntry segment = entries.containsKey(BundleLayout.LEDGER_SEGMENT)
                    ? entries.get(BundleLayout.LEDGER_SEGMENT)
                    : entries.get(BundleLayout.chainSegment(dev.vigil.common.ledger.LedgerChains.DECISIONS));
            if (segment == null) {
                return out;
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    zip.getInputStream(segment), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    LedgerRecord r = LedgerSegment.fromJsonLine(line);
                    if (!LedgerDecision.isDecision(r.resourceType())) {
                        continue;
                    }
                    String path = BundleLayout.decisionPath(r.evidenceId());
                    byte[] document = entries.containsKey(path) ? readSmall(path) : null;
                    Map<String, String> fields = null;
                    if (document != null) {
                        if (!LedgerDecision.evidenceId(document).equals(r.evidenceId())) {
                            problem(path, "its sha256 is not the evidenceId of ledger record " + r.seq() + " ("
                                    + r.evidenceId() + ")");
                        } else {
                            try {
                                fields = LedgerDecision.read(document);
                            } catch (IllegalArgumentException e) {
                                problem(path, e.getMessage());
                            }
                        }
                    }
                    out.add(new VerificationReport.Decision(r.seq(), r.resourceType(), r.resourceKey(), r.observedAt(),
                            fields));
                }
            }
            return out;
        }

        /** A small file's bytes (the manifest, its signature, a key, the anchor), or null if absent. */
        private byte[] readSmall(String path) throws IOException {
            ZipEntry entry = entries.get(path);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }

        private void problem(String path, String reason) {
            problems.add(new FileProblem(path, reason));
        }
    }

    /** True if {@code text} is base64url exactly as the encoder writes it, so no character can be swapped. */
    private static boolean canonical(String text) {
        try {
            return !text.isEmpty() && Base64URL.encode(new Base64URL(text).decode()).toString().equals(text);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
