package dev.outpost.bench;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import dev.outpost.generator.validation.Validator;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The build-time model: reading a {@code $metadata} document into the {@link ServiceModel}, and
 * reading plus validating it (G1, G2, G5). Each document is read from memory, so disk speed does
 * not count.
 */
final class ModelSuite implements Suite {

    @Override
    public String name() {
        return "model";
    }

    @Override
    public String description() {
        return "read $metadata into the service model; read and validate it";
    }

    @Override
    public List<Benchmark> benchmarks(RunContext context) {
        return List.of(new Read(context), new ReadAndValidate(context));
    }

    /** The document's bytes, loaded once in set-up. */
    private abstract static class DocumentBenchmark implements Benchmark {
        final RunContext context;
        byte[] document;

        DocumentBenchmark(RunContext context) {
            this.context = context;
        }

        @Override
        public void setUp() throws Exception {
            document = Files.readAllBytes(context.documentPath());
        }

        ServiceModel read() {
            return ServiceModel.read(MetadataSource.bytes(context.document(), document));
        }

        String size() {
            return String.format(Locale.ROOT, "%.1f MB", document.length / 1e6);
        }
    }

    /** Reads the document into the model. */
    static final class Read extends DocumentBenchmark {
        private static final XMLInputFactory STAX = new InputFactoryImpl();

        Read(RunContext context) {
            super(context);
        }

        @Override
        public String name() {
            return "model.read";
        }

        @Override
        public String description() {
            return "Read " + context.document() + " (" + size() + ") into the ServiceModel.";
        }

        @Override
        public Object run() {
            return read();
        }

        @Override
        public Optional<Baseline> baseline() {
            return Optional.of(new Baseline("one StAX pass over the same bytes that visits every event and builds"
                    + " nothing (Aalto, the parser the reader uses for positions)", () -> {
                        XMLStreamReader xml = STAX.createXMLStreamReader(new ByteArrayInputStream(document));
                        long events = 0;
                        while (xml.hasNext()) {
                            xml.next();
                            events++;
                        }
                        xml.close();
                        return events;
                    }));
        }
    }

    /** Reads and validates the document. */
    static final class ReadAndValidate extends DocumentBenchmark {
        ReadAndValidate(RunContext context) {
            super(context);
        }

        @Override
        public String name() {
            return "model.read+validate";
        }

        @Override
        public String description() {
            return "Read " + context.document() + " (" + size() + ") and validate it with every rule.";
        }

        @Override
        public Object run() {
            return Validator.validate(read());
        }

        @Override
        public Optional<Baseline> baseline() {
            return Optional.of(new Baseline("reading alone (model.read), so the ratio shows what validation adds",
                    this::read));
        }
    }
}
