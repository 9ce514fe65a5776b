package dev.outpost.internal.csdl;

import dev.outpost.model.MetadataException;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.SourceLocation;
import org.apache.olingo.client.api.ODataClient;
import org.apache.olingo.client.api.edm.xml.XMLMetadata;
import org.apache.olingo.client.core.ODataClientFactory;
import org.apache.olingo.commons.api.format.ContentType;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

/**
 * Reads CSDL XML into a {@link ServiceModel}: a {@link CsdlScan} pass for well-formedness,
 * version and positions, then Olingo's client metadata reader, then {@link CsdlConverter}.
 */
public final class CsdlReader {

    private static final ODataClient CLIENT = ODataClientFactory.getClient();

    private CsdlReader() {
    }

    /**
     * Reads a document.
     *
     * @param bytes the document
     * @param source its name for locations
     * @throws MetadataException with {@code source:line:column} for every problem found
     */
    public static ServiceModel read(byte[] bytes, String source) {
        int skip = leadingWhitespaceBeforeDeclaration(bytes);
        int lineOffset = 0;
        byte[] doc = bytes;
        if (skip > 0) {
            // An XML declaration must come first; some servers emit blank lines before it. Drop
            // them and keep reported line numbers true to the original.
            for (int i = 0; i < skip; i++) {
                if (bytes[i] == '\n') {
                    lineOffset++;
                }
            }
            doc = Arrays.copyOfRange(bytes, skip, bytes.length);
        }
        CsdlScan scan = CsdlScan.scan(doc, source, lineOffset);
        XMLMetadata metadata;
        try {
            metadata = CLIENT.getDeserializer(ContentType.APPLICATION_XML).toMetadata(new ByteArrayInputStream(doc));
        } catch (RuntimeException e) {
            throw new MetadataException(new SourceLocation(source, 0, 0),
                    "the CSDL reader rejected the document: " + rootMessage(e)
                            + "; check it against the OData CSDL XML 4.0 specification", e);
        }
        return new CsdlConverter(metadata, scan, source).convert();
    }

    private static int leadingWhitespaceBeforeDeclaration(byte[] b) {
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return 0; // BOM first: the parser handles it; whitespace after a BOM is rare
        }
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        boolean declaration = i + 5 <= b.length && b[i] == '<' && b[i + 1] == '?' && b[i + 2] == 'x'
                && b[i + 3] == 'm' && b[i + 4] == 'l';
        return declaration ? i : 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
