package dev.outpost.internal.csdl;

import dev.outpost.model.MetadataException;
import dev.outpost.model.SourceLocation;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import org.codehaus.stax2.XMLStreamReader2;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * One streaming pass over a CSDL XML document before Olingo reads it: proves the XML is
 * well-formed (or reports line:column), recognises OData V2/V3 and JSON CSDL, refuses DTDs, and
 * indexes the start position of every named element by its model path. Olingo's CSDL objects
 * carry no positions; this index is how diagnostics point at {@code file:line:column}.
 *
 * <p>Model paths: {@code Ns.Type}, {@code Ns.Type/Property}, {@code Ns.Container/Set},
 * {@code Ns.Operation[i]/Parameter} (overload index after the first), annotations as
 * {@code owner@Term#Qualifier} with names as written (aliases unresolved), external annotation
 * blocks as {@code @Annotations:Target}.
 */
final class CsdlScan {

    static final String EDMX_V4 = "http://docs.oasis-open.org/odata/ns/edmx";
    private static final String EDMX_V1_TO_V3 = "http://schemas.microsoft.com/ado/2007/06/edmx";
    private static final String DATA_SERVICES_METADATA = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";

    private static final XMLInputFactory FACTORY = newFactory();

    private final String source;
    private final int lineOffset;
    private final Map<String, SourceLocation> locations = new HashMap<>();
    private final Map<String, Integer> overloadCounts = new HashMap<>();
    private String version;

    private CsdlScan(String source, int lineOffset) {
        this.source = source;
        this.lineOffset = lineOffset;
    }

    private static XMLInputFactory newFactory() {
        // Aalto (already used by Olingo's reader) reports where each event starts, which the
        // JDK parser does not; that start is the element's position in diagnostics.
        XMLInputFactory f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** Scans a document and returns its location index, or fails with a located {@link MetadataException}. */
    static CsdlScan scan(byte[] bytes, String source, int lineOffset) {
        CsdlScan scan = new CsdlScan(source, lineOffset);
        scan.run(bytes);
        return scan;
    }

    /** The EDMX version attribute ({@code 4.0} or {@code 4.01}). */
    String version() {
        return version;
    }

    /** The location of the element with this model path, or the document itself when unknown. */
    SourceLocation location(String path) {
        SourceLocation l = locations.get(path);
        return l != null ? l : new SourceLocation(source, 0, 0);
    }

    /** Whether the index has this path. */
    boolean has(String path) {
        return locations.containsKey(path);
    }

    private SourceLocation at(Location l) {
        return l == null ? new SourceLocation(source, 0, 0)
                : new SourceLocation(source, Math.max(l.getLineNumber(), 0) + lineOffset, Math.max(l.getColumnNumber(), 0));
    }

    private void run(byte[] bytes) {
        int first = firstSignificantByte(bytes);
        if (first < 0) {
            throw new MetadataException(new SourceLocation(source, 1, 1),
                    "the document is empty; expected a CSDL XML $metadata document");
        }
        if (bytes[first] == '{' || bytes[first] == '[') {
            throw new MetadataException(new SourceLocation(source, 1, 1),
                    "this is JSON, not CSDL XML; request $metadata as XML (Accept: application/xml or $format=xml)");
        }
        Deque<String> paths = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        XMLStreamReader2 r = null;
        try {
            r = (XMLStreamReader2) FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
            boolean root = true;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new MetadataException(at(r.getLocation()),
                            "DOCTYPE declarations are not allowed in $metadata; remove it");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    SourceLocation here = at(r.getLocationInfo().getStartLocation());
                    if (root) {
                        checkRoot(r, here);
                        root = false;
                    }
                    String path = pathOf(r, paths.isEmpty() ? "" : paths.peek(), names.isEmpty() ? "" : names.peek());
                    if (path != null) {
                        locations.putIfAbsent(path, here);
                    }
                    paths.push(path != null ? path : (paths.isEmpty() ? "" : paths.peek()));
                    names.push(r.getLocalName());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    paths.pop();
                    names.pop();
                }
            }
        } catch (XMLStreamException e) {
            throw new MetadataException(at(e.getLocation()), "malformed XML: " + cleanMessage(e)
                    + "; fix the document (it must be well-formed XML)");
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the in-memory stream
                }
            }
        }
    }

    private void checkRoot(XMLStreamReader2 r, SourceLocation here) throws XMLStreamException {
        String ns = r.getNamespaceURI();
        String name = r.getLocalName();
        if (!"Edmx".equals(name)) {
            throw new MetadataException(here, "not a CSDL document: the root element is <" + r.getName().toString()
                    .replaceFirst("^\\{.*}", "") + ">, expected <edmx:Edmx>; check that the URL or file is the service's $metadata");
        }
        String v = r.getAttributeValue(null, "Version");
        if (EDMX_V1_TO_V3.equals(ns)) {
            String[] versions = findDataServiceVersions(r);
            String dsv = versions[0];
            // EDMX 1.0 is the OData V2 format (V1 documents are read as V2 by every client); V3
            // documents say so in DataServiceVersion.
            String odata = dsv != null && dsv.startsWith("3") ? "V3" : "V2";
            throw new MetadataException(here, "this is an OData " + odata + " $metadata document (EDMX " + v
                    + (dsv != null ? ", DataServiceVersion " + dsv : "")
                    + (versions[1] != null ? ", MaxDataServiceVersion " + versions[1] : "")
                    + "); Outpost requires OData V4"
                    + " (EDMX 4.0 or 4.01, namespace " + EDMX_V4 + "). Use the service's OData V4 endpoint"
                    + " (for SAP Gateway, the /sap/opu/odata4/ path) or a V4 version of the service");
        }
        if (!EDMX_V4.equals(ns)) {
            throw new MetadataException(here, "unknown EDMX namespace '" + ns + "'; Outpost reads OData V4 CSDL ("
                    + EDMX_V4 + ")");
        }
        if (!"4.0".equals(v) && !"4.01".equals(v)) {
            throw new MetadataException(here, "EDMX Version '" + v + "' is not supported; expected 4.0 or 4.01");
        }
        version = v;
    }

    /** Reads ahead to the DataServices element of a V1-V3 document for its (Max)DataServiceVersion. */
    private static String[] findDataServiceVersions(XMLStreamReader2 r) throws XMLStreamException {
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT && "DataServices".equals(r.getLocalName())) {
                return new String[] {r.getAttributeValue(DATA_SERVICES_METADATA, "DataServiceVersion"),
                        r.getAttributeValue(DATA_SERVICES_METADATA, "MaxDataServiceVersion")};
            }
        }
        return new String[2];
    }

    private String pathOf(XMLStreamReader2 r, String parentPath, String parentName) {
        String element = r.getLocalName();
        switch (element) {
            case "Schema":
                return r.getAttributeValue(null, "Namespace");
            case "EntityType", "ComplexType", "EnumType", "TypeDefinition", "Term", "EntityContainer":
                return join(parentPath, ".", r.getAttributeValue(null, "Name"));
            case "Action", "Function": {
                String base = join(parentPath, ".", r.getAttributeValue(null, "Name"));
                int index = overloadCounts.merge(base, 1, Integer::sum) - 1;
                return index == 0 ? base : base + "[" + index + "]";
            }
            case "Property", "NavigationProperty", "Member", "EntitySet", "Singleton", "ActionImport",
                    "FunctionImport", "Parameter":
                return join(parentPath, "/", r.getAttributeValue(null, "Name"));
            case "PropertyRef":
                return join(parentPath, "/$Key/", r.getAttributeValue(null, "Name"));
            case "ReturnType":
                return parentPath + "/$ReturnType";
            case "NavigationPropertyBinding":
                return join(parentPath, "/$Binding/", r.getAttributeValue(null, "Path"));
            case "Annotations": {
                String q = r.getAttributeValue(null, "Qualifier");
                return "@Annotations:" + r.getAttributeValue(null, "Target") + (q != null ? "#" + q : "");
            }
            case "Annotation": {
                if (!"Annotation".equals(parentName) && !"Annotations".equals(parentName) && parentPath.isEmpty()) {
                    return null;
                }
                String q = r.getAttributeValue(null, "Qualifier");
                return parentPath + "@" + r.getAttributeValue(null, "Term") + (q != null ? "#" + q : "");
            }
            default:
                return null;
        }
    }

    private static String join(String parent, String separator, String name) {
        if (name == null) {
            return null;
        }
        return parent.isEmpty() ? name : parent + separator + name;
    }

    private static int firstSignificantByte(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String cleanMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? "unreadable XML" : e.getMessage();
        int idx = m.indexOf("Message: ");
        m = idx >= 0 ? m.substring(idx + "Message: ".length()) : m;
        int at = m.indexOf("\n at [row,col");
        return (at >= 0 ? m.substring(0, at) : m).trim();
    }
}
