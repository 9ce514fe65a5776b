package dev.outpost.generator.java;

import dev.outpost.generator.naming.JavaNamingStrategy;
import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.generator.output.InMemoryOutputSink;
import dev.outpost.generator.output.OutputSink;
import dev.outpost.model.EnumType;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.StructuredType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Emits the typed Java proxies of a service (G3): one class per entity and complex type, one
 * enum per enum type, a service class per entity container, a metadata class with the value
 * factory, and the {@code $metadata} document as a resource, so that the runtime can read the
 * model without a network.
 *
 * <p>A pure pipeline: model → view models (all naming and type mapping, {@link JavaNamingStrategy}
 * and one name allocator per scope) → FreeMarker templates that only loop and print → JavaParser,
 * which rejects a source that does not parse and prints every file in one layout → the sink,
 * sorted by path. The same model, document and options always give byte-identical files.
 *
 * <pre>{@code
 * byte[] document = MetadataSource.file(path).load();
 * ServiceModel model = ServiceModel.read(MetadataSource.bytes(path.toString(), document));
 * JavaEmitter.emit(model, document, JavaOptions.of("com.example.trippin"), new DirectoryOutputSink(sources, resources));
 * }</pre>
 */
public final class JavaEmitter {

    private static final Templates TEMPLATES = new Templates();

    private JavaEmitter() {
    }

    /**
     * Emits the proxies into a sink: sources ordered by path, then the document resource.
     *
     * @param model the service model read from {@code metadataDocument}
     * @param metadataDocument the {@code $metadata} document's bytes, packaged unchanged
     * @param options the base package and service name
     * @param sink where the files go
     * @throws JavaEmitterException if a template fails or writes Java that does not parse (a generator bug)
     */
    public static void emit(ServiceModel model, byte[] metadataDocument, JavaOptions options, OutputSink sink) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(metadataDocument, "metadataDocument");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sink, "sink");
        for (GeneratedFile file : generate(model, metadataDocument, options)) {
            sink.write(file);
        }
    }

    /**
     * Emits the proxies into memory.
     *
     * @return the files, sources ordered by path, then the document resource
     * @see #emit(ServiceModel, byte[], JavaOptions, OutputSink)
     */
    public static List<GeneratedFile> emit(ServiceModel model, byte[] metadataDocument, JavaOptions options) {
        InMemoryOutputSink sink = new InMemoryOutputSink();
        emit(model, metadataDocument, options, sink);
        return sink.files();
    }

    private record Source(String path, String template, Object view) {
    }

    private static List<GeneratedFile> generate(ServiceModel model, byte[] document, JavaOptions options) {
        JavaNamingStrategy strategy = new JavaNamingStrategy();
        ProxyNames names = new ProxyNames(model, options, strategy);
        TypeMapping mapping = new TypeMapping(model, names);
        String origin = model.container().map(c -> "entity container " + c.qualifiedName())
                .orElse(model.schemas().isEmpty() ? "an empty document" : "schema " + model.schemas().get(0).namespace());
        String header = Sources.header(origin);

        List<Source> sources = new ArrayList<>();
        StructuredViewBuilder structured = new StructuredViewBuilder(model, names, mapping, header);
        for (StructuredType t : model.structuredTypes()) {
            sources.add(source("structured.ftl", structured.build(t)));
        }
        EnumViewBuilder enums = new EnumViewBuilder(names, header);
        for (EnumType t : model.enumTypes()) {
            sources.add(source("enum.ftl", enums.build(t)));
        }
        if (model.container().isPresent()) {
            sources.add(source("service.ftl", new ServiceViewBuilder(model, names, mapping, header).build()));
        }
        String resource = strategy.metadataResource(options.basePackage());
        MetadataViewBuilder metadata = new MetadataViewBuilder(model, names, header);
        sources.add(source("metadata.ftl", metadata.metadata(resource)));
        sources.add(source("value-factory.ftl", metadata.valueFactory()));

        List<GeneratedFile> files = new ArrayList<>(Parallel.formatAll(sources.size(), i -> {
            Source s = sources.get(i);
            return TEMPLATES.render(s.template(), s.view(), s.path());
        }, (i, text, formatter) -> {
            Source s = sources.get(i);
            return GeneratedFile.text(GeneratedFile.Kind.SOURCE, s.path(), formatter.format(s.path(), s.template(), text));
        }));
        files.sort(null);
        files.add(new GeneratedFile(GeneratedFile.Kind.RESOURCE, resource, document));
        return files;
    }

    private static Source source(String template, Views.SourceView view) {
        String path = view.packageName().replace('.', '/') + "/" + view.name() + ".java";
        return new Source(path, template, view);
    }
}
