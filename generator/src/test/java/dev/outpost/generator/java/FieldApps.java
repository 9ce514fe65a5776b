package dev.outpost.generator.java;

import dev.outpost.generator.GenerationRequest;
import dev.outpost.generator.GenerationResult;
import dev.outpost.generator.Generator;
import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.generator.output.InMemoryOutputSink;
import dev.outpost.generator.testing.ExampleService;
import dev.outpost.model.MetadataSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications written against the example back end's generated proxies, compiled in memory:
 * the proxies, {@code app/FieldKit.java} (what every such application needs: opening a store,
 * reading the queue, building entities) and the test's own {@code app/FieldApp.java}.
 */
final class FieldApps {

    /** Helpers the applications share; they {@code import static app.FieldKit.*}. */
    static final String KIT = """
            package app;

            import com.example.field.Customer;
            import com.example.field.FieldMetadata;
            import com.example.field.FieldService;
            import com.example.field.Task;
            import com.example.field.WorkOrder;
            import com.example.field.WorkOrderStatus;
            import dev.outpost.EntityValue;
            import dev.outpost.OfflineStore;
            import dev.outpost.StoreOptions;
            import dev.outpost.SyncOptions;
            import dev.outpost.query.DataQuery;

            import java.nio.file.Path;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.UUID;

            /** What every application over the generated proxies needs. */
            final class FieldKit {

                static final UUID ACME = UUID.fromString("11111111-2222-3333-4444-555555555555");
                static final UUID GLOBEX = UUID.fromString("66666666-7777-8888-9999-000000000000");

                private FieldKit() {
                }

                static OfflineStore open(Path file) {
                    return OfflineStore.open(StoreOptions.of(file, FieldMetadata.loadModel()));
                }

                static OfflineStore open(Path file, String serviceRoot) {
                    return OfflineStore.open(StoreOptions.of(file, FieldMetadata.loadModel()).sync(SyncOptions.of(serviceRoot)
                            .definingQuery("orders", "WorkOrders?$expand=Parts").definingQuery("tasks", "Tasks")
                            .definingQuery("customers", "Customers").definingQuery("parts", "Parts")));
                }

                static List<String> queue(FieldService service) {
                    List<String> out = new ArrayList<>();
                    for (EntityValue r : service.executeQuery(DataQuery.parse("RequestQueue?$orderby=RequestID")).entities()) {
                        Object body = r.getValue("Body");
                        out.add(r.getValue("Method") + " " + r.getValue("URL") + (body == null ? "" : " " + body));
                    }
                    return out;
                }

                static List<String> titles(List<WorkOrder> orders) {
                    List<String> out = new ArrayList<>();
                    orders.forEach(w -> out.add(w.getTitle()));
                    return out;
                }

                static Customer customer(UUID id, String name) {
                    Customer c = new Customer();
                    c.setId(id);
                    c.setName(name);
                    return c;
                }

                static WorkOrder workOrder(String title, int priority, WorkOrderStatus status) {
                    WorkOrder w = new WorkOrder();
                    w.setTitle(title);
                    w.setPriority(priority);
                    w.setStatus(status);
                    return w;
                }

                static Task task(int lineNo, String description, boolean done) {
                    Task t = new Task();
                    t.setLineNo(lineNo);
                    t.setDescription(description);
                    t.setDone(done);
                    return t;
                }
            }
            """;

    private FieldApps() {
    }

    /** Generates the example back end's proxies and compiles them with the kit and {@code app} ({@code app.FieldApp}). */
    static ClassLoader compile(String app) {
        InMemoryOutputSink sink = new InMemoryOutputSink();
        GenerationResult result = Generator.generate(GenerationRequest.builder()
                .service(GenerationRequest.Service.of(MetadataSource.file(ExampleService.metadata()), "com.example.field")
                        .withName("Field"))
                .sink(sink).build());
        assertThat(result.refused()).isFalse();
        List<GeneratedFile> files = sink.files();
        InMemoryCompiler.Result compiled = InMemoryCompiler.compile(files,
                Map.of("app/FieldKit.java", KIT, "app/FieldApp.java", app), List.of("-Xlint:all", "-Werror", "--release", "17"));
        assertThat(compiled.success()).as(compiled.report()).isTrue();
        return compiled.classLoader(files);
    }
}
