package dev.vigil.collector.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.collector.testing.RecordingContext;
import dev.vigil.common.evidence.AllowList;
import dev.vigil.common.evidence.AllowLists;
import dev.vigil.common.evidence.Redactor;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hands the SDK each answer as the evidence store keeps it under a collector's allow-lists (masked to the kind its
 * key matches, then the pattern net), with every masked value left out: what an auditor recomputing a fact from the
 * stored answer knows. A scan run through it publishes the same facts as one run on the answers as sent exactly when
 * the allow-lists keep every field the facts are read from. Records the kind each answer matched; an answer no kind
 * matches, or that is not of its kind's shape, is listed in {@link #unmatched}.
 */
public final class KeptAnswers implements ExecutionInterceptor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AllowLists lists;
    private final String scope;
    /** The kind of each answer, in order. */
    public final List<String> kinds = new ArrayList<>();
    /** The keys of the answers no kind masked. */
    public final List<String> unmatched = new ArrayList<>();

    /** @param scope the scope the client's raw responses are kept under (its region, as in the collectors) */
    public KeptAnswers(AllowLists lists, String scope) {
        this.lists = lists;
        this.scope = scope;
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty()) {
            return body;
        }
        byte[] bytes = SdkCaptureInterceptor.readAll(body.get());
        String key = SdkCaptureInterceptor.key(scope, context.request(), attributes);
        Optional<AllowList> kind = lists.forKey(key);
        if (kind.isPresent() && kind.get().apply(bytes).isPresent()) {
            kinds.add(kind.get().kind());
        } else {
            unmatched.add(key);
        }
        return Optional.of(new ByteArrayInputStream(withoutMasked(lists.redact(key, bytes))));
    }

    /** A stored answer without its masked values: JSON fields and array items, XML elements and attributes. */
    static byte[] withoutMasked(byte[] stored) {
        String text = new String(stored, StandardCharsets.UTF_8).stripLeading();
        try {
            if (text.startsWith("{") || text.startsWith("[")) {
                JsonNode tree = JSON.readTree(text);
                strip(tree);
                return JSON.writeValueAsBytes(tree);
            }
            if (text.startsWith("<")) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document doc = factory.newDocumentBuilder().parse(new InputSource(new ByteArrayInputStream(stored)));
                strip(doc.getDocumentElement());
                StringWriter out = new StringWriter();
                TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
                return out.toString().getBytes(StandardCharsets.UTF_8);
            }
        } catch (Exception e) {
            throw new IllegalStateException("a stored answer that does not parse: " + text, e);
        }
        return stored;
    }

    /** Masked by the allow-list, or (a secret-named element, say) by the pattern net. */
    private static boolean masked(String value) {
        String v = value.strip();
        return v.equals(AllowList.MASK) || v.equals(Redactor.MASK);
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual() && masked(field.getValue().asText())) {
                    it.remove();
                } else {
                    strip(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = arr.size() - 1; i >= 0; i--) {
                if (arr.get(i).isTextual() && masked(arr.get(i).asText())) {
                    arr.remove(i);
                } else {
                    strip(arr.get(i));
                }
            }
        }
    }

    private static void strip(Element element) {
        for (int i = element.getAttributes().getLength() - 1; i >= 0; i--) {
            Attr a = (Attr) element.getAttributes().item(i);
            if (masked(a.getValue())) {
                element.removeAttributeNode(a);
            }
        }
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        for (Element child : children) {
            boolean leaf = child.getElementsByTagNameNS("*", "*").getLength() == 0;
            if (leaf && masked(child.getTextContent())) {
                element.removeChild(child);
            } else {
                strip(child);
            }
        }
    }

    /** What a scan published, to compare two runs: each item's type, key and facts, in order. */
    public record Item(String resourceType, String resourceKey, Map<String, Object> facts) {
    }

    public static List<Item> items(RecordingContext context) {
        return context.evidence.stream().map(i -> new Item(i.resourceType(), i.resourceKey(), i.facts())).toList();
    }

    /**
     * Runs {@code scan} on {@code answers} as sent and as kept under {@code lists}, and checks that both publish the
     * same items with the same facts and report the same failures, and that every answer was masked by a kind.
     *
     * @param scan a scan of the answers, through {@code KeptAnswers} when it is given (null: the answers as sent)
     * @return the answers as kept, for what else the caller checks (the kinds they matched)
     */
    public static KeptAnswers assertSameFacts(AllowLists lists, String scope, Supplier<FixtureHttpClient> answers,
                                              BiFunction<FixtureHttpClient, KeptAnswers, RecordingContext> scan) {
        RecordingContext sent = scan.apply(answers.get(), null);
        KeptAnswers kept = new KeptAnswers(lists, scope);
        RecordingContext fromKept = scan.apply(answers.get(), kept);

        assertThat(items(sent).size() + sent.failures.size()).as("what the answers as sent gave").isPositive();
        assertThat(kept.unmatched).as("answers no allow-list kind masked").isEmpty();
        assertThat(kept.kinds).as("answers masked").isNotEmpty();
        assertThat(items(fromKept)).as("items published from the kept answers").isEqualTo(items(sent));
        assertThat(fromKept.failures).as("failures reported from the kept answers").isEqualTo(sent.failures);
        return kept;
    }
}
