package dev.vigil.common.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The fields of one kind of provider response that Vigil needs (for facts and identifiers) or that are harmless
 * structure; every other value is masked, keys kept, so the stored answer still shows its shape to an auditor.
 * Applies to JSON and XML answers alike.
 *
 * <p>A field is named by its path from the root, segments separated by {@code /}: JSON object keys (arrays are
 * transparent: {@code nodes/name} is the name of every node) or XML element names ({@code @attr} for an
 * attribute). {@code *} stands for any one segment, {@code **} for any number (so {@code a/**} keeps a subtree).
 * {@code null} and booleans are kept wherever they stand: they carry no secret.
 */
public final class AllowList {
    public static final String MASK = "[redacted: not on the allow-list]";

    private final String kind;
    private final Pattern key;
    private final Pattern keep;

    /**
     * @param kind  the response kind, for the reader ("github organization")
     * @param key   a regular expression found in the raw response's key (URL path, or SDK operation) of this kind
     * @param paths the fields kept
     */
    public AllowList(String kind, String key, List<String> paths) {
        this.kind = kind;
        this.key = Pattern.compile(key);
        this.keep = Pattern.compile(String.join("|", paths.stream().map(AllowList::pathRegex).toList()));
    }

    public String kind() {
        return kind;
    }

    /** Whether a raw response kept under {@code rawKey} is of this kind. */
    public boolean covers(String rawKey) {
        return key.matcher(rawKey).find();
    }

    /** Whether the field at {@code path} is kept. */
    public boolean keeps(String path) {
        return keep.matcher(path).matches();
    }

    /** The body with every value not on the list masked; empty when it is neither JSON nor XML. */
    public Optional<byte[]> apply(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).stripLeading();
        try {
            if (text.startsWith("{") || text.startsWith("[")) {
                ObjectMapper mapper = EventCodec.mapper();
                return Optional.of(mapper.writeValueAsBytes(json(mapper.readTree(text), "")));
            }
            if (text.startsWith("<")) {
                return Optional.of(xml(body, text.startsWith("<?xml")));
            }
        } catch (Exception e) {
            // not of the shape after all: the caller falls back to the pattern net alone
        }
        return Optional.empty();
    }

    /**
     * Masks a JSON tree in place to the list, passing every kept string value through {@code keptText} (the pattern
     * net, in the same walk: one parse and one write where masking and then netting took two of each).
     */
    JsonNode maskJson(JsonNode tree, UnaryOperator<String> keptText) {
        return json(tree, "", keptText);
    }

    private JsonNode json(JsonNode node, String path) {
        return json(node, path, null);
    }

    private JsonNode json(JsonNode node, String path, UnaryOperator<String> keptText) {
        if (node instanceof ObjectNode obj) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            for (Map.Entry<String, JsonNode> f : fields) {
                obj.set(f.getKey(), json(f.getValue(), path.isEmpty() ? f.getKey() : path + "/" + f.getKey(),
                        keptText));
            }
            return obj;
        }
        if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, json(arr.get(i), path, keptText));
            }
            return arr;
        }
        if (node.isNull() || node.isBoolean()) {
            return node;
        }
        if (keeps(path)) {
            return keptText != null && node.isTextual() ? TextNode.valueOf(keptText.apply(node.asText())) : node;
        }
        return TextNode.valueOf(MASK);
    }

    private byte[] xml(byte[] body, boolean declared) throws Exception {
        try {
            byte[] streamed = StreamingXmlMask.mask(body, declared, this);
            if (streamed != null) {
                return streamed;
            }
        } catch (XMLStreamException | RuntimeException e) {
            // not well-formed, or so the streaming parser says: the DOM way decides
        }
        return xmlByDom(body, declared);
    }

    /** The definition of the XML output: parse, mask, the JDK's identity writer; {@link StreamingXmlMask} matches it. */
    byte[] xmlByDom(byte[] body, boolean declared) throws Exception {
        DocumentBuilder builder = XML_PARSER.get();
        Document doc;
        try {
            doc = builder.parse(new InputSource(new ByteArrayInputStream(body)));
        } finally {
            builder.reset(); // back to as created, which forgets the error handler
            builder.setErrorHandler(QUIET);
        }
        Element root = doc.getDocumentElement();
        mask(root, name(root));
        Transformer out = XML_WRITER.get();
        out.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, declared ? "no" : "yes");
        StringWriter written = new StringWriter();
        out.transform(new DOMSource(doc), new StreamResult(written));
        return written.toString().getBytes(StandardCharsets.UTF_8);
    }

    /*
     * One parser and one writer per thread: looking the factories up costs more than parsing an answer (they are
     * found through the service loader each time), and neither is safe to share between threads.
     */
    /** Errors throw; nothing is printed to stderr. */
    private static final DefaultHandler QUIET = new DefaultHandler();

    private static final ThreadLocal<DocumentBuilder> XML_PARSER = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // Provider answers never need a DTD; refusing them rules out entity expansion.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(QUIET);
            return builder;
        } catch (Exception e) {
            throw new IllegalStateException("no XML parser with DTDs refused", e);
        }
    });

    private static final ThreadLocal<Transformer> XML_WRITER = ThreadLocal.withInitial(() -> {
        try {
            Transformer out = TransformerFactory.newInstance().newTransformer();
            out.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("no XML writer", e);
        }
    });

    private void mask(Element element, String path) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            String name = a.getName();
            if (!name.equals("xmlns") && !name.startsWith("xmlns:") && !keeps(path + "/@" + a.getLocalName())) {
                a.setValue(MASK);
            }
        }
        boolean leaf = true;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                leaf = false;
                mask(e, path + "/" + name(e));
            }
        }
        if (leaf && !element.getTextContent().isBlank() && !isFlag(element.getTextContent()) && !keeps(path)) {
            element.setTextContent(MASK);
        }
    }

    private static boolean isFlag(String text) {
        String t = text.strip();
        return t.equals("true") || t.equals("false");
    }

    private static String name(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    private static String pathRegex(String path) {
        StringBuilder regex = new StringBuilder();
        String[] segments = path.split("/", -1);
        boolean slash = false;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals("**")) {
                // leading: any prefix, or none; elsewhere: any subtree, or none
                regex.append(i == 0 ? "(?:.*/)?" : "(?:/.*)?");
                slash = i > 0;
                continue;
            }
            if (slash) {
                regex.append('/');
            }
            regex.append(s.equals("*") ? "[^/]+" : Pattern.quote(s));
            slash = true;
        }
        return regex.toString();
    }

    @Override
    public String toString() {
        return "allow-list " + kind;
    }
}
