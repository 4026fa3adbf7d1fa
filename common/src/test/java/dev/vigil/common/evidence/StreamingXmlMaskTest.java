package dev.vigil.common.evidence;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming mask writes what the DOM way writes, or declines; it never writes anything else. */
class StreamingXmlMaskTest {
    private static final AllowList LIST = new AllowList("t", ".", List.of("r/keep", "r/keep/@id", "**/RequestId",
            "r/@version", "r/list/item/name", "r/Kept"));

    /** Both ways on one document: equal when streaming answers; returns what streaming answered (null: declined). */
    static String sameAsDom(AllowList list, String xml) throws Exception {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        boolean declared = xml.stripLeading().startsWith("<?xml");
        byte[] streamed = StreamingXmlMask.mask(body, declared, list);
        if (streamed != null) {
            String dom = new String(list.xmlByDom(body, declared), StandardCharsets.UTF_8);
            assertThat(new String(streamed, StandardCharsets.UTF_8)).as(xml).isEqualTo(dom);
            return new String(streamed, StandardCharsets.UTF_8);
        }
        return null;
    }

    @Test
    void writesWhatTheDomWayWrites() throws Exception {
        List<String> documents = List.of(
                "<r/>",
                "<r></r>",
                "<r> </r>",
                "<r>secret</r>",
                "<r>  true </r>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r xmlns=\"https://s3.amazonaws.com/doc/2006-03-01/\">\n"
                        + "  <keep id=\"7\" other=\"x\">kept &amp; &lt;escaped&gt; \"quoted\" 'single'</keep>\n"
                        + "  <Kept>false</Kept>\n  <secret>s3cr3t</secret>\n  <empty/>\n  <blank>  \n </blank>\n"
                        + "  <list><item><name>a</name><size>1</size></item><item><name>b&#13;c</name></item></list>\n"
                        + "  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>\n</r>\n",
                "<?xml version='1.0'?><r version=\"2\" b=\"1\" a=\"&quot;&lt;&gt;&amp;\"><keep>é ü 漢 \u2028 \u0085 &#x1F600;</keep></r>",
                "  <r xmlns:z=\"urn:z\" xmlns=\"urn:d\"><z:keep>x</z:keep><z:other>y</z:other></r>",
                "<r>mixed <keep>k</keep> text <b>masked</b> tail</r>",
                "<r><keep>a\tb\nc</keep><x>\t</x></r>");
        for (String xml : documents) {
            assertThat(sameAsDom(LIST, xml)).as(xml).isNotNull();
        }
    }

    @Test
    void masksWhatTheListLacks() throws Exception {
        String out = sameAsDom(LIST, "<r version=\"1\" other=\"2\"><keep>k</keep><secret>s</secret><flag>true</flag></r>");
        assertThat(out).isEqualTo("<r other=\"" + AllowList.MASK + "\" version=\"1\"><keep>k</keep><secret>"
                + AllowList.MASK + "</secret><flag>true</flag></r>");
    }

    @Test
    void declinesWhatOnlyTheDomWayReproduces() throws Exception {
        List<String> documents = List.of(
                "<!DOCTYPE r [<!ENTITY x \"y\">]><r>&x;</r>",
                "<r><!-- a comment --><keep>k</keep></r>",
                "<r><keep><![CDATA[k]]></keep></r>",
                "<?pi data?><r/>",
                "<r><x xmlns=\"urn:inner\">v</x></r>",
                "<r xmlns:z=\"urn:z\" z:a=\"1\"/>",
                "<r version=\"tab&#9;here\"/>",
                "<?xml version=\"1.0\" standalone=\"yes\"?><r/>",
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>x</r>");
        for (String xml : documents) {
            assertThat(sameAsDom(LIST, xml)).as(xml).isNull();
        }
    }

    @Test
    void aDeclinedDeclarationDoesNotOutliveItsDocument() throws Exception {
        for (String xml : List.of("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>x</r>",
                "<?xml version=\"1.0\" standalone=\"yes\"?><r/>", "<r><keep>k</keep></r>")) {
            sameAsDom(LIST, xml);
        }
        assertThat(sameAsDom(LIST, "<r><keep>k</keep></r>")).isNotNull();
    }

    @Test
    void theAllowListGivesTheDomWaysOutputForDeclinedAndMalformedDocuments() throws Exception {
        for (String xml : List.of("<r><!-- c --><secret>s</secret></r>", "<r><unclosed></r>", "<r/><r/>")) {
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            byte[] viaApply = LIST.apply(body).orElse(null);
            byte[] dom;
            try {
                dom = LIST.xmlByDom(body, false);
            } catch (Exception e) {
                dom = null;
            }
            assertThat(viaApply).as(xml).isEqualTo(dom);
        }
    }
}
