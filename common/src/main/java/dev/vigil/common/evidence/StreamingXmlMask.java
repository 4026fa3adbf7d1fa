package dev.vigil.common.evidence;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * An allow-list's masking of an XML answer in one streaming pass, writing exactly what the DOM way
 * ({@link AllowList}: parse, mask, the JDK's identity transformer) writes, byte for byte, at a fraction of its cost
 * (parsing into a DOM and serializing through XSLT were most of the allow-list's price on S3's answers).
 *
 * <p>It reproduces that writer only for the shapes providers send: elements, text, attributes without a prefix and
 * namespace declarations on the root. Anything else (a DTD, comments, CDATA, processing instructions, prefixed
 * attributes, declarations below the root, an XML declaration other than version 1.0 in UTF-8 without
 * {@code standalone}, characters the writer turns into references in attributes) makes {@link #mask} answer
 * {@code null}, and the caller takes the DOM way, which stays the definition of the output.
 */
final class StreamingXmlMask {
    static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>";
    private static final String LINE_SEPARATOR = System.lineSeparator();

    /* One factory per thread: the JDK's factory is not safe to share, and looking one up each time is costly. */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // No DTD is ever read or expanded (a document with one is handed to the DOM way, which refuses it).
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        // CDATA as its own event, not as text: the DOM way writes it back as CDATA, so streaming declines it.
        factory.setProperty("http://java.sun.com/xml/stream/properties/report-cdata-event", true);
        // Not the JDK's "reuse-instance": a reused reader keeps the previous document's declared version and
        // encoding, which would send every later answer the DOM way (StreamingXmlMaskTest checks the order).
        return factory;
    });

    /** Not reproducible by streaming: the caller takes the DOM way. */
    private static final class Unusual extends Exception {
        Unusual() {
            super(null, null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();

    private StreamingXmlMask() {
    }

    /** One open element: its path for the allow-list, its name, and its text so far while it has no child element. */
    private static final class Open {
        final String path;
        final String qname;
        boolean tagOpen = true;
        boolean hasElementChild;
        final StringBuilder text = new StringBuilder();

        Open(String path, String qname) {
            this.path = path;
            this.qname = qname;
        }
    }

    /**
     * The masked document, or {@code null} when it is of a shape only the DOM way reproduces.
     *
     * @param declared whether the document starts with an XML declaration (the DOM way writes one back then)
     * @throws XMLStreamException when it is not well-formed XML
     */
    static byte[] mask(byte[] body, boolean declared, AllowList allowList) throws XMLStreamException {
        XMLStreamReader in = FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(body));
        try {
            return write(in, declared, allowList);
        } catch (Unusual unusual) {
            return null;
        } finally {
            in.close();
        }
    }

    private static byte[] write(XMLStreamReader in, boolean declared, AllowList allowList)
            throws XMLStreamException, Unusual {
        String version = in.getVersion();
        String encoding = in.getCharacterEncodingScheme();
        if (in.standaloneSet() || (version != null && !version.equals("1.0"))
                || (encoding != null && !encoding.equalsIgnoreCase("UTF-8"))) {
            throw UNUSUAL;
        }
        StringBuilder out = new StringBuilder(256);
        if (declared) {
            out.append(DECLARATION);
        }
        Deque<Open> open = new ArrayDeque<>();
        while (in.hasNext()) {
            switch (in.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Open parent = open.peek();
                    if (parent != null) {
                        parent.hasElementChild = true;
                        flush(parent, out);
                        if (in.getNamespaceCount() > 0) {
                            throw UNUSUAL;
                        }
                    }
                    String local = in.getLocalName();
                    String prefix = in.getPrefix();
                    String qname = prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
                    Open element = new Open(parent == null ? local : parent.path + "/" + local, qname);
                    out.append('<').append(qname);
                    namespaces(in, out);
                    attributes(in, element.path, allowList, out);
                    open.push(element);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> {
                    Open current = open.peek();
                    if (current != null) { // whitespace around the root is not part of the document
                        current.text.append(in.getTextCharacters(), in.getTextStart(), in.getTextLength());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Open element = open.pop();
                    if (!element.hasElementChild) {
                        String text = element.text.toString();
                        if (!text.isBlank() && !isFlag(text) && !allowList.keeps(element.path)) {
                            element.text.setLength(0);
                            element.text.append(AllowList.MASK);
                        }
                    }
                    if (element.tagOpen && element.text.isEmpty()) {
                        out.append("/>");
                    } else {
                        flush(element, out);
                        out.append("</").append(element.qname).append('>');
                    }
                }
                case XMLStreamConstants.END_DOCUMENT -> {
                }
                default -> throw UNUSUAL; // DTD, comment, CDATA, processing instruction, entity reference
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Closes the element's start tag if still open and writes the text it holds. */
    private static void flush(Open element, StringBuilder out) throws Unusual {
        if (element.tagOpen) {
            out.append('>');
            element.tagOpen = false;
        }
        text(element.text, out);
        element.text.setLength(0);
    }

    /* The DOM way writes the declarations first, in the order of their names, as its DOM keeps them. */
    private static void namespaces(XMLStreamReader in, StringBuilder out) throws Unusual {
        int count = in.getNamespaceCount();
        if (count == 0) {
            return;
        }
        List<String[]> declarations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String prefix = in.getNamespacePrefix(i);
            String name = prefix == null || prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix;
            String uri = in.getNamespaceURI(i);
            declarations.add(new String[]{name, uri == null ? "" : uri});
        }
        declarations.sort(Comparator.comparing(d -> d[0]));
        for (String[] d : declarations) {
            out.append(' ').append(d[0]).append("=\"");
            attributeValue(d[1], out);
            out.append('"');
        }
    }

    /* Then the attributes, in the order of their names; every one not on the list masked. */
    private static void attributes(XMLStreamReader in, String path, AllowList allowList, StringBuilder out)
            throws Unusual {
        int count = in.getAttributeCount();
        if (count == 0) {
            return;
        }
        List<String[]> attributes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String prefix = in.getAttributePrefix(i);
            String uri = in.getAttributeNamespace(i);
            if ((prefix != null && !prefix.isEmpty()) || (uri != null && !uri.isEmpty())) {
                throw UNUSUAL;
            }
            String name = in.getAttributeLocalName(i);
            String value = allowList.keeps(path + "/@" + name) ? in.getAttributeValue(i) : AllowList.MASK;
            attributes.add(new String[]{name, value});
        }
        attributes.sort(Comparator.comparing(a -> a[0]));
        for (String[] a : attributes) {
            out.append(' ').append(a[0]).append("=\"");
            attributeValue(a[1], out);
            out.append('"');
        }
    }

    /** Text as the JDK's XML writer escapes it in UTF-8. */
    private static void text(CharSequence text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n' -> out.append(LINE_SEPARATOR);
                case '\t' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append("&#").append(Character.toCodePoint(c, text.charAt(i + 1))).append(';');
                        i++;
                    } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** An attribute's value as the writer escapes it; what it would write otherwise than here is left to the DOM way. */
    private static void attributeValue(String value, StringBuilder out) throws Unusual {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c)) {
                        throw UNUSUAL;
                    }
                    out.append(c);
                }
            }
        }
    }

    private static boolean isFlag(String text) {
        String t = text.strip();
        return t.equals("true") || t.equals("false");
    }
}
