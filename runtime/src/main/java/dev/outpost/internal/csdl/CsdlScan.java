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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One streaming pass over a CSDL XML document before Olingo reads it: proves the XML is
 * well-formed (or reports line:column), recognises OData V2/V3 and JSON CSDL, refuses DTDs,
 * checks required attributes and where each element stands (R3: Olingo misreads what CSDL does
 * not allow, sometimes into nulls), and indexes the start position of every named element by its
 * model path. Olingo's CSDL objects carry no positions; this index is how diagnostics point at
 * {@code file:line:column}.
 *
 * <p>Model paths: {@code Ns.Type}, {@code Ns.Type/Property}, {@code Ns.Container/Set},
 * {@code Ns.Operation[i]/Parameter} (overload index after the first), annotations as
 * {@code owner@Term#Qualifier} with names as written (aliases unresolved), external annotation
 * blocks as {@code @Annotations:Target}.
 */
final class CsdlScan {

    static final String EDMX_V4 = "http://docs.oasis-open.org/odata/ns/edmx";

    /**
     * Attributes CSDL requires, by element. Olingo's reader leaves a missing one null; checking
     * here reports it at the element instead of failing later.
     */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("Reference", List.of("Uri")), Map.entry("Include", List.of("Namespace")),
            Map.entry("Schema", List.of("Namespace")),
            Map.entry("EntityType", List.of("Name")), Map.entry("ComplexType", List.of("Name")),
            Map.entry("EnumType", List.of("Name")), Map.entry("Member", List.of("Name")),
            Map.entry("TypeDefinition", List.of("Name", "UnderlyingType")), Map.entry("Term", List.of("Name", "Type")),
            Map.entry("Property", List.of("Name", "Type")), Map.entry("NavigationProperty", List.of("Name", "Type")),
            Map.entry("PropertyRef", List.of("Name")),
            Map.entry("ReferentialConstraint", List.of("Property", "ReferencedProperty")),
            Map.entry("OnDelete", List.of("Action")),
            Map.entry("Action", List.of("Name")), Map.entry("Function", List.of("Name")),
            Map.entry("Parameter", List.of("Name", "Type")), Map.entry("ReturnType", List.of("Type")),
            Map.entry("EntityContainer", List.of("Name")), Map.entry("EntitySet", List.of("Name", "EntityType")),
            Map.entry("Singleton", List.of("Name", "Type")),
            Map.entry("NavigationPropertyBinding", List.of("Path", "Target")),
            Map.entry("ActionImport", List.of("Name", "Action")), Map.entry("FunctionImport", List.of("Name", "Function")),
            Map.entry("Annotations", List.of("Target")), Map.entry("Annotation", List.of("Term")),
            Map.entry("PropertyValue", List.of("Property")), Map.entry("Cast", List.of("Type")),
            Map.entry("IsOf", List.of("Type")), Map.entry("LabeledElement", List.of("Name")),
            Map.entry("Apply", List.of("Function")));
    private static final String EDMX_V1_TO_V3 = "http://schemas.microsoft.com/ado/2007/06/edmx";
    private static final String DATA_SERVICES_METADATA = "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata";

    private static final XMLInputFactory FACTORY = newFactory();

    private final String source;
    private final int lineOffset;
    private final Map<String, SourceLocation> locations = new HashMap<>();
    /** The annotation expressions, which nest in annotations, in each other and in property values. */
    private static final List<String> EXPRESSIONS = List.of("Binary", "Bool", "Date", "DateTimeOffset", "Decimal",
            "Duration", "EnumMember", "Float", "Guid", "Int", "String", "TimeOfDay", "AnnotationPath", "ModelElementPath",
            "NavigationPropertyPath", "PropertyPath", "Path", "And", "Or", "Not", "Eq", "Ne", "Gt", "Ge", "Lt", "Le", "Has",
            "In", "Add", "Sub", "Neg", "Mul", "Div", "DivBy", "Mod", "Apply", "Cast", "Collection", "If", "IsOf",
            "LabeledElement", "LabeledElementReference", "Null", "Record", "UrlRef");

    private static List<String> expressionsAnd(String... more) {
        List<String> all = new ArrayList<>(EXPRESSIONS);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    /**
     * The children CSDL allows in each element. Olingo's reader does not skip an element it does
     * not expect: the element's attributes and children are read as the parent's own, so a
     * misplaced element could rename the parent or add nameless properties. Refusing it here
     * keeps the model true to the text. Expressions that hold only text allow no children.
     */
    private static final Map<String, List<String>> CHILDREN = children(
            Map.entry("Edmx", List.of("Reference", "DataServices")),
            Map.entry("Reference", List.of("Include", "IncludeAnnotations", "Annotation")),
            Map.entry("Include", List.of()), Map.entry("IncludeAnnotations", List.of()),
            Map.entry("DataServices", List.of("Schema")),
            Map.entry("Schema", List.of("EntityType", "ComplexType", "EnumType", "TypeDefinition", "Term", "Action",
                    "Function", "EntityContainer", "Annotations", "Annotation")),
            Map.entry("EntityType", List.of("Key", "Property", "NavigationProperty", "Annotation")),
            Map.entry("ComplexType", List.of("Property", "NavigationProperty", "Annotation")),
            Map.entry("Key", List.of("PropertyRef")), Map.entry("PropertyRef", List.of()),
            Map.entry("Property", List.of("Annotation")),
            Map.entry("NavigationProperty", List.of("ReferentialConstraint", "OnDelete", "Annotation")),
            Map.entry("ReferentialConstraint", List.of("Annotation")), Map.entry("OnDelete", List.of("Annotation")),
            Map.entry("EnumType", List.of("Member", "Annotation")), Map.entry("Member", List.of("Annotation")),
            Map.entry("TypeDefinition", List.of("Annotation")), Map.entry("Term", List.of("Annotation")),
            Map.entry("Action", List.of("Parameter", "ReturnType", "Annotation")),
            Map.entry("Function", List.of("Parameter", "ReturnType", "Annotation")),
            Map.entry("Parameter", List.of("Annotation")), Map.entry("ReturnType", List.of("Annotation")),
            Map.entry("EntityContainer", List.of("EntitySet", "Singleton", "ActionImport", "FunctionImport", "Annotation")),
            Map.entry("EntitySet", List.of("NavigationPropertyBinding", "Annotation")),
            Map.entry("Singleton", List.of("NavigationPropertyBinding", "Annotation")),
            Map.entry("NavigationPropertyBinding", List.of()),
            Map.entry("ActionImport", List.of("Annotation")), Map.entry("FunctionImport", List.of("Annotation")),
            Map.entry("Annotations", List.of("Annotation")),
            Map.entry("Annotation", expressionsAnd("Annotation")),
            Map.entry("Record", List.of("PropertyValue", "Annotation")),
            Map.entry("PropertyValue", expressionsAnd("Annotation")),
            Map.entry("Collection", EXPRESSIONS),
            Map.entry("If", expressionsAnd("Annotation")), Map.entry("Apply", expressionsAnd("Annotation")),
            Map.entry("Cast", expressionsAnd("Annotation")), Map.entry("IsOf", expressionsAnd("Annotation")),
            Map.entry("LabeledElement", expressionsAnd("Annotation")), Map.entry("UrlRef", expressionsAnd("Annotation")),
            Map.entry("Not", expressionsAnd("Annotation")), Map.entry("Neg", expressionsAnd("Annotation")),
            Map.entry("And", expressionsAnd("Annotation")), Map.entry("Or", expressionsAnd("Annotation")),
            Map.entry("Eq", expressionsAnd("Annotation")), Map.entry("Ne", expressionsAnd("Annotation")),
            Map.entry("Gt", expressionsAnd("Annotation")), Map.entry("Ge", expressionsAnd("Annotation")),
            Map.entry("Lt", expressionsAnd("Annotation")), Map.entry("Le", expressionsAnd("Annotation")),
            Map.entry("Has", expressionsAnd("Annotation")), Map.entry("In", expressionsAnd("Annotation")),
            Map.entry("Add", expressionsAnd("Annotation")), Map.entry("Sub", expressionsAnd("Annotation")),
            Map.entry("Mul", expressionsAnd("Annotation")), Map.entry("Div", expressionsAnd("Annotation")),
            Map.entry("DivBy", expressionsAnd("Annotation")), Map.entry("Mod", expressionsAnd("Annotation")),
            Map.entry("Null", List.of("Annotation")));

    /** The table above plus the expressions that hold text only ({@code <Int>}, {@code <Path>}, ...). */
    @SafeVarargs
    private static Map<String, List<String>> children(Map.Entry<String, List<String>>... entries) {
        Map<String, List<String>> all = new HashMap<>(Map.ofEntries(entries));
        for (String textOnly : List.of("Binary", "Bool", "Date", "DateTimeOffset", "Decimal", "Duration", "EnumMember",
                "Float", "Guid", "Int", "String", "TimeOfDay", "AnnotationPath", "ModelElementPath",
                "NavigationPropertyPath", "PropertyPath", "Path", "LabeledElementReference")) {
            all.put(textOnly, List.of());
        }
        return Map.copyOf(all);
    }

    private final Map<String, Integer> overloadCounts = new HashMap<>();
    private final List<MetadataException.Problem> structureProblems = new ArrayList<>();
    private SourceLocation rootLocation;
    private int dataServices;
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
        if (!scan.structureProblems.isEmpty()) {
            throw new MetadataException(scan.structureProblems);
        }
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
                        rootLocation = here;
                        root = false;
                    }
                    checkPlacement(r, here, names);
                    if (names.size() == 1 && "DataServices".equals(r.getLocalName()) && dataServices++ > 0) {
                        structureProblems.add(new MetadataException.Problem(here, "a second <" + r.getPrefixedName()
                                + ">; a $metadata document has one"));
                    }
                    checkRequiredAttributes(r, here);
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
            if (dataServices == 0) {
                structureProblems.add(new MetadataException.Problem(rootLocation, "<edmx:Edmx> has no <edmx:DataServices>"
                        + " element, so the document declares no schema; use the service's complete $metadata"));
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

    private void checkPlacement(XMLStreamReader2 r, SourceLocation here, Deque<String> names) {
        if (names.isEmpty()) {
            return;
        }
        List<String> allowed = CHILDREN.get(names.peek());
        if (allowed != null && !allowed.contains(r.getLocalName())) {
            structureProblems.add(new MetadataException.Problem(here, "<" + r.getPrefixedName() + "> is not allowed in <"
                    + names.peek() + ">" + (allowed.isEmpty() ? ", which has no child elements"
                    : "; CSDL allows " + String.join(", ", allowed) + " there") + "; remove or move it"));
        }
    }

    private void checkRequiredAttributes(XMLStreamReader2 r, SourceLocation here) {
        // by local name, in any namespace: Olingo's reader (Jackson XML) ignores namespaces too
        List<String> required = REQUIRED.get(r.getLocalName());
        if (required == null) {
            return;
        }
        for (String attribute : required) {
            if (r.getAttributeValue(null, attribute) == null) {
                structureProblems.add(new MetadataException.Problem(here, "<" + r.getPrefixedName() + "> has no "
                        + attribute + " attribute, which CSDL requires; add it"));
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
        if (v == null) {
            throw new MetadataException(here, "<edmx:Edmx> has no Version attribute; expected Version=\"4.0\" or \"4.01\"");
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
