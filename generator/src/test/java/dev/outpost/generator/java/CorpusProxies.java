package dev.outpost.generator.java;

import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.testing.Corpus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxies of corpus documents, generated once per test run: generating Microsoft Graph's
 * takes seconds, and the compile and determinism tests both need them.
 */
final class CorpusProxies {

    /** The base package every corpus document is generated into. */
    static final String BASE_PACKAGE = "com.example.corpus";

    private static final Map<String, List<GeneratedFile>> GENERATED = new ConcurrentHashMap<>();

    private CorpusProxies() {
    }

    /** The proxies of a corpus document, generated on first use. */
    static List<GeneratedFile> of(String document) {
        return GENERATED.computeIfAbsent(document, CorpusProxies::generate);
    }

    /** The proxies of a corpus document, generated now from a freshly read model. */
    static List<GeneratedFile> generate(String document) {
        byte[] bytes = MetadataSource.file(Corpus.file(document)).load();
        ServiceModel model = ServiceModel.read(MetadataSource.bytes(document, bytes));
        return JavaEmitter.emit(model, bytes, JavaOptions.of(BASE_PACKAGE));
    }
}
