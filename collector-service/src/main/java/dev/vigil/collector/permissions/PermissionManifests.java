package dev.vigil.collector.permissions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.vigil.collector.events.github.GitHubEventTargets;
import dev.vigil.collector.spi.Collector;
import dev.vigil.collector.spi.CollectorInfo;
import dev.vigil.collector.spi.Permission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates the credentials' policies from what the collectors declare ({@link CollectorInfo#permissions()}):
 * {@code deploy/aws/iam-policy.json}, an IAM policy allowing exactly the declared AWS actions, and
 * {@code deploy/github/app-manifest.json}, a GitHub App manifest asking for exactly the declared GitHub
 * permissions. Collectors are found by scanning the compiled classes of {@code dev.vigil.collector} for concrete
 * {@link Collector} classes and reading their static {@link CollectorInfo}: adding a collector is enough.
 *
 * <p>Only reading is allowed: an AWS action that is not {@code Get*}, {@code List*}, {@code Describe*} or one of
 * {@link #AWS_READ_EXCEPTIONS}, or a GitHub permission other than {@code read}, is refused, naming the collector.
 *
 * <p>Run by the build ({@code process-classes}): {@code PermissionManifests <deploy dir> [write|check]}; {@code check}
 * fails instead of rewriting a stale file.
 */
public final class PermissionManifests {
    public static final String PACKAGE = "dev.vigil.collector";
    public static final Path IAM_POLICY = Path.of("aws", "iam-policy.json");
    public static final Path GITHUB_APP_MANIFEST = Path.of("github", "app-manifest.json");
    public static final String POLICY_SID = "VigilReadOnly";
    public static final String APP_NAME = "Vigil";
    /** GitHub requires a homepage; replace it with your own before registering (see docs/collectors.md). */
    public static final String APP_URL = "https://vigil.example.com";

    /** Read-only IAM verbs. */
    static final Pattern AWS_READ_ACTION = Pattern.compile("[a-z0-9-]+:(Get|List|Describe)[A-Za-z0-9]*");
    /** Actions that do not match a read verb but change nothing an auditor cares about. */
    static final Set<String> AWS_READ_EXCEPTIONS = Set.of(
            "iam:GenerateCredentialReport"); // only (re)builds the credential report that GetCredentialReport reads
    static final Pattern AWS_ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");
    static final Pattern GITHUB_KEY = Pattern.compile("[a-z_]+");

    /** One collector class and what it declares. */
    public record Declared(String className, CollectorInfo info) {
    }

    private PermissionManifests() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: PermissionManifests <deploy dir> [write|check]");
        }
        Path deploy = Path.of(args[0]).toAbsolutePath().normalize();
        boolean check = args.length == 2 && "check".equals(args[1]);
        List<Declared> declared = collectors();
        List<String> refused = violations(declared);
        if (!refused.isEmpty()) {
            throw new IllegalStateException("collectors declare permissions that are not read-only:\n  "
                    + String.join("\n  ", refused));
        }
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(deploy.resolve(IAM_POLICY), iamPolicy(declared));
        files.put(deploy.resolve(GITHUB_APP_MANIFEST), gitHubAppManifest(declared));
        List<String> stale = new ArrayList<>();
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Path path = file.getKey();
            String current = Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : null;
            if (file.getValue().equals(current)) {
                continue;
            }
            if (check) {
                stale.add(path.toString());
            } else {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                System.out.println("[vigil] generated " + path + " from the collectors' declared permissions");
            }
        }
        if (!stale.isEmpty()) {
            throw new IllegalStateException("stale, regenerate with ./mvnw process-classes -pl collector-service: "
                    + stale);
        }
    }

    /** Every collector class in the compiled classes that hold {@link Collector}, sorted by collector name. */
    public static List<Declared> collectors() {
        Path root;
        try {
            root = Path.of(Collector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return collectors(root, Collector.class.getClassLoader());
    }

    /** Every concrete {@link Collector} under {@link #PACKAGE} in {@code root} (a classes folder or a jar). */
    public static List<Declared> collectors(Path root, ClassLoader loader) {
        try {
            if (Files.isDirectory(root)) {
                return scan(root, loader);
            }
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                return scan(jar.getPath("/"), loader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Declared> scan(Path root, ClassLoader loader) throws IOException {
        Path packageDir = root.resolve(PACKAGE.replace('.', '/'));
        List<Declared> found = new ArrayList<>();
        if (!Files.isDirectory(packageDir)) {
            return found;
        }
        List<String> classNames;
        try (Stream<Path> files = Files.walk(packageDir)) {
            classNames = files.map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(".class") && !p.endsWith("package-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted().toList();
        }
        for (String name : classNames) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + name + " to look for collectors", e);
            }
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !Collector.class.isAssignableFrom(type)) {
                continue;
            }
            found.add(new Declared(type.getName(), info(type)));
        }
        found.sort(Comparator.comparing((Declared d) -> d.info().name()).thenComparing(Declared::className));
        return found;
    }

    /** The one static {@link CollectorInfo} a collector class declares. */
    static CollectorInfo info(Class<?> type) {
        List<Field> fields = Stream.of(type.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == CollectorInfo.class).toList();
        if (fields.size() != 1) {
            throw new IllegalStateException(type.getName() + " must declare exactly one static CollectorInfo "
                    + "(its permissions are generated from it), found " + fields.size());
        }
        try {
            Field field = fields.get(0);
            field.setAccessible(true);
            CollectorInfo info = (CollectorInfo) field.get(null);
            if (info == null) {
                throw new IllegalStateException(type.getName() + "." + field.getName() + " is null");
            }
            return info;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each declared permission that is not read-only or not well-formed, naming its collector; empty when all read. */
    public static List<String> violations(List<Declared> declared) {
        List<String> refused = new ArrayList<>();
        for (Declared d : declared) {
            String who = "collector " + d.info().name() + " (" + d.className() + ")";
            for (Permission p : d.info().permissions()) {
                if (p.access() != Permission.Access.READ) {
                    refused.add(who + " declares " + p.provider() + " permission " + p.name() + " with access "
                            + p.access().value() + ": only read is allowed");
                } else if (Permission.AWS.equals(p.provider())) {
                    if (!AWS_ACTION.matcher(p.name()).matches()) {
                        refused.add(who + " declares " + p.name() + ", not an IAM action (service:Action)");
                    } else if (!isReadOnlyAwsAction(p.name())) {
                        refused.add(who + " declares AWS action " + p.name() + ", which is not read-only "
                                + "(allowed: Get*, List*, Describe*, " + String.join(", ", new TreeSet<>(AWS_READ_EXCEPTIONS))
                                + ")");
                    }
                } else if (Permission.GITHUB.equals(p.provider()) && !GITHUB_KEY.matcher(p.name()).matches()) {
                    refused.add(who + " declares " + p.name() + ", not a GitHub App permission key");
                }
            }
        }
        return refused;
    }

    static boolean isReadOnlyAwsAction(String action) {
        return AWS_READ_EXCEPTIONS.contains(action) || AWS_READ_ACTION.matcher(action).matches();
    }

    /** Every declared AWS action, sorted and distinct. */
    public static List<String> awsActions(List<Declared> declared) {
        return List.copyOf(declared.stream().flatMap(d -> d.info().permissions().stream())
                .filter(p -> Permission.AWS.equals(p.provider())).map(Permission::name)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    /** Every declared GitHub App permission and its level, sorted by key (the highest level wins). */
    public static Map<String, String> gitHubPermissions(List<Declared> declared) {
        Map<String, Permission.Access> levels = new TreeMap<>();
        declared.stream().flatMap(d -> d.info().permissions().stream())
                .filter(p -> Permission.GITHUB.equals(p.provider()))
                .forEach(p -> levels.merge(p.name(), p.access(), (a, b) -> a.compareTo(b) >= 0 ? a : b));
        Map<String, String> out = new LinkedHashMap<>();
        levels.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** The IAM policy document: one statement allowing exactly the declared actions. */
    public static String iamPolicy(List<Declared> declared) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", POLICY_SID);
        statement.put("Effect", "Allow");
        statement.put("Action", awsActions(declared));
        statement.put("Resource", "*");
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(statement));
        return Json.write(policy);
    }

    /**
     * The GitHub App manifest: read-only permissions as declared, private, and the webhook subscribed to exactly the
     * events the receiver reads again for ({@link GitHubEventTargets#SUBSCRIBED}; each needs only a declared
     * permission). The hook's URL is a placeholder to replace with the public address of {@code /hooks/github}; GitHub
     * makes the webhook secret when the App is created (docs/collectors.md).
     */
    public static String gitHubAppManifest(List<Declared> declared) {
        Map<String, Object> hook = new LinkedHashMap<>();
        hook.put("url", APP_URL + "/hooks/github");
        hook.put("active", true);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", APP_NAME);
        manifest.put("url", APP_URL);
        manifest.put("description", "Reads the organisation's settings, repositories and members for SOC 2 evidence. "
                + "Read-only; generated from the collectors' declared permissions.");
        manifest.put("hook_attributes", hook);
        manifest.put("public", false);
        manifest.put("default_permissions", gitHubPermissions(declared));
        manifest.put("default_events", new java.util.TreeSet<>(GitHubEventTargets.SUBSCRIBED).stream().toList());
        return Json.write(manifest);
    }

    /**
     * Jackson, printed the way the checked-in files are (deploy/aws/iam-policy.json, deploy/github/app-manifest.json):
     * two-space indent, {@code "key": value}, every array element on its own line, {@code \n} line ends, a final
     * newline, so a regenerated file differs from the committed one only where the permissions changed.
     */
    static final class Json {
        private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
        private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(INDENT)
                .withArrayIndenter(INDENT));

        private Json() {
        }

        static String write(Object value) {
            try {
                return WRITER.writeValueAsString(value) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot print a permission manifest: " + e.getOriginalMessage(), e);
            }
        }
    }
}
