package dev.vigil.evaluator.custom;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.vigil.common.catalogue.CustomRuleDefinition;
import dev.vigil.evaluator.domain.Facts;
import dev.vigil.evaluator.domain.Rule;
import dev.vigil.evaluator.domain.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule a user wrote as CEL expressions over one resource's facts ({@code facts.enforceAdmins}), loaded at
 * start-up: no recompilation. {@code passWhen} must be true for the resource to pass; the optional
 * {@code appliesWhen} takes resources out of the rule's scope. A resource whose facts the expressions cannot
 * evaluate (a missing key) gets UNKNOWN, never PASS.
 */
public final class CelRule implements Rule {
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("facts", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final CustomRuleDefinition definition;
    private final CelRuntime.Program passWhen;
    private final CelRuntime.Program appliesWhen;

    private CelRule(CustomRuleDefinition definition, CelRuntime.Program passWhen, CelRuntime.Program appliesWhen) {
        this.definition = definition;
        this.passWhen = passWhen;
        this.appliesWhen = appliesWhen;
    }

    /** Compiles both expressions; a syntax or type error names the rule and the expression. */
    public static CelRule compile(CustomRuleDefinition d) {
        return new CelRule(d, program(d, "passWhen", d.passWhen()),
                d.appliesWhen() == null || d.appliesWhen().isBlank() ? null : program(d, "appliesWhen", d.appliesWhen()));
    }

    private static CelRuntime.Program program(CustomRuleDefinition d, String field, String expression) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return RUNTIME.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException("custom rule " + d.id() + ": " + field + " '" + expression
                    + "' does not compile: " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return definition.id();
    }

    @Override
    public String resourceType() {
        return definition.resourceType();
    }

    @Override
    public String description() {
        return definition.description();
    }

    @Override
    public Verdict judge(Facts facts) {
        Map<String, Object> vars = Map.of("facts", celValue(facts.values()));
        try {
            if (appliesWhen != null && !Boolean.TRUE.equals(appliesWhen.eval(vars))) {
                return Verdict.notApplicable(render(definition.notApplicableReason(), facts, "not in the scope of " + id()));
            }
            return Boolean.TRUE.equals(passWhen.eval(vars))
                    ? Verdict.pass(render(definition.passReason(), facts, id() + " holds"))
                    : Verdict.fail(render(definition.failReason(), facts, id() + " does not hold"));
        } catch (CelEvaluationException e) {
            return Verdict.unknown("custom rule " + id() + " could not be evaluated on this evidence: " + e.getMessage());
        }
    }

    /** "bucket {bucket} has no key" with the facts filled in; a fact that is absent reads "?". */
    static String render(String template, Facts facts, String fallback) {
        if (template == null || template.isBlank()) {
            return fallback;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = facts.values().get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "?" : String.valueOf(v)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** CEL's Java runtime works with long, double and its own null; JSON facts come as int, float and null. */
    static Object celValue(Object v) {
        if (v == null) {
            return NullValue.NULL_VALUE;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, value) -> out.put(String.valueOf(k), celValue(value)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(item -> out.add(celValue(item)));
            return out;
        }
        return v;
    }
}
