package dev.outpost.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.outpost.DataService;
import dev.outpost.DownloadResult;
import dev.outpost.OfflineStore;
import dev.outpost.StoreOptions;
import dev.outpost.SyncOptions;
import dev.outpost.UploadResult;
import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sync against the example back end on loopback (S1, S5): downloads of 100,000 and 1,000,000
 * work orders next to the raw limit of the same pipeline (the same pages fetched over HTTP,
 * stream-parsed with Jackson and batch-inserted with plain JDBC), and an upload of 10,000 queued
 * creates next to posting the same creates as raw {@code $batch} requests.
 */
public final class SyncSuite implements Suite {

    static final int PAGE = 5000;

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String description() {
        return "downloads of 100k and 1M entities and an upload of 10k creates, against the example back end on loopback";
    }

    @Override
    public List<Benchmark> benchmarks(RunContext context) {
        return List.of(new Download(100_000, 10), new Download(1_000_000, 3), new Upload(10_000));
    }

    static ServiceModel model() {
        return ServiceModel.read(MetadataSource.classpath("field-service/metadata.xml"));
    }

    /** A full download of one defining query into a new store file. */
    static final class Download implements Benchmark {
        private final int rows;
        private final int iterations;
        private FieldServiceBackend backend;
        private Path dir;
        private ServiceModel model;
        private int run;

        Download(int rows, int iterations) {
            this.rows = rows;
            this.iterations = iterations;
        }

        @Override
        public String name() {
            return "sync.download." + (rows >= 1_000_000 ? rows / 1_000_000 + "m" : rows / 1000 + "k");
        }

        @Override
        public String description() {
            return String.format("a full download of %,d work orders (pages of %,d) into a new store file: pages streamed,"
                    + " staged and published in one transaction", rows, PAGE);
        }

        @Override
        public long items() {
            return rows;
        }

        @Override
        public int maximumIterations() {
            return iterations;
        }

        @Override
        public int maximumWarmups() {
            return rows >= 1_000_000 ? 1 : 3;
        }

        @Override
        public void setUp() throws Exception {
            backend = FieldServiceBackend.start(BackendOptions.defaults().withPageSize(PAGE));
            backend.seed(Seed.workOrders(rows));
            dir = Files.createTempDirectory("outpost-bench-download");
            model = model();
        }

        @Override
        public Object run() throws Exception {
            Path file = dir.resolve("store-" + (run++) + ".db");
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, model).sync(SyncOptions.of(backend.serviceRoot())
                    .pageSize(PAGE).definingQuery("orders", "WorkOrders")))) {
                DownloadResult result = store.download().get(30, TimeUnit.MINUTES);
                if (result.entities() != rows) {
                    throw new IllegalStateException("downloaded " + result.entities() + " of " + rows);
                }
                return result;
            } finally {
                Bench.deleteStore(file);
            }
        }

        @Override
        public Optional<Baseline> baseline() {
            return Optional.of(new Baseline("the same pages GET over HTTP, stream-parsed with Jackson and inserted by plain"
                    + " JDBC batches (one transaction per page) into a table of the same values (the site address"
                    + " flattened), keyed by its Id and without other indexes", this::raw));
        }

        private Object raw() throws Exception {
            Path file = dir.resolve("raw-" + (run++) + ".db");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            JsonFactory json = new JsonFactory();
            long count = 0;
            try (Connection c = StoreSuite.raw(file)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE wo (id INTEGER PRIMARY KEY, title TEXT, description TEXT, status TEXT,"
                            + " priority INTEGER, cost TEXT, due TEXT, customer TEXT, technician INTEGER, created TEXT,"
                            + " modified TEXT, etag TEXT, street TEXT, city TEXT, postal_code TEXT, country TEXT)");
                }
                c.setAutoCommit(false);
                PreparedStatement insert = c.prepareStatement("INSERT INTO wo VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?)");
                URI next = backend.serviceRoot().resolve("WorkOrders");
                while (next != null) {
                    HttpRequest request = HttpRequest.newBuilder(next).header("Accept", "application/json")
                            .header("Prefer", "odata.maxpagesize=" + PAGE).build();
                    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                    String nextLink = null;
                    try (JsonParser p = json.createParser(response.body())) {
                        p.nextToken();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            if (field.equals("value")) {
                                while (p.nextToken() == JsonToken.START_OBJECT) {
                                    row(p, insert);
                                    insert.addBatch();
                                    count++;
                                }
                                insert.executeBatch();
                            } else if (field.equals("@odata.nextLink")) {
                                nextLink = p.getText();
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    c.commit();
                    next = nextLink == null ? null : backend.serviceRoot().resolve(nextLink);
                }
            } finally {
                Bench.deleteStore(file);
            }
            if (count != rows) {
                throw new IllegalStateException("read " + count + " of " + rows);
            }
            return count;
        }

        /**
         * Binds one entity's fields by name, as a hand-written client would: every value the
         * payload holds, the site address's members in columns of their own.
         */
        private static void row(JsonParser p, PreparedStatement insert) throws Exception {
            for (int i = 1; i <= 16; i++) {
                insert.setObject(i, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                int column = switch (field) {
                    case "Id" -> 1;
                    case "Title" -> 2;
                    case "Description" -> 3;
                    case "Status" -> 4;
                    case "Priority" -> 5;
                    case "EstimatedCost" -> 6;
                    case "DueDate" -> 7;
                    case "CustomerId" -> 8;
                    case "TechnicianId" -> 9;
                    case "CreatedAt" -> 10;
                    case "ModifiedAt" -> 11;
                    case "@odata.etag" -> 12;
                    default -> 0;
                };
                if (t == JsonToken.START_OBJECT && field.equals("SiteAddress")) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String member = p.currentName();
                        JsonToken v = p.nextToken();
                        int at = switch (member) {
                            case "Street" -> 13;
                            case "City" -> 14;
                            case "PostalCode" -> 15;
                            case "Country" -> 16;
                            default -> 0;
                        };
                        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        } else if (at > 0 && v != JsonToken.VALUE_NULL) {
                            insert.setString(at, p.getText());
                        }
                    }
                } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (column > 0 && t != JsonToken.VALUE_NULL) {
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        insert.setLong(column, p.getLongValue());
                    } else {
                        insert.setString(column, p.getText());
                    }
                }
            }
        }

        @Override
        public void tearDown() throws Exception {
            backend.close();
            Bench.delete(dir);
        }
    }

    /** An upload of queued creates; each run starts from a copy of the same store file. */
    static final class Upload implements Benchmark {
        private final int creates;
        private FieldServiceBackend backend;
        private Path dir;
        private Path template;
        private ServiceModel model;
        private int run;
        private long roundTrips;

        Upload(int creates) {
            this.creates = creates;
        }

        @Override
        public String name() {
            return "sync.upload." + creates / 1000 + "k";
        }

        @Override
        public String description() {
            return String.format("an upload of %,d queued creates of work orders (server keys mapped back to each), opening"
                    + " a copy of the store included; batches of 1,000", creates)
                    + (roundTrips > 0 ? String.format("; %,d HTTP round trips per upload", roundTrips) : "");
        }

        @Override
        public long items() {
            return creates;
        }

        @Override
        public int maximumIterations() {
            return 5;
        }

        @Override
        public int maximumWarmups() {
            return 3;
        }

        @Override
        public void setUp() throws Exception {
            backend = FieldServiceBackend.start(BackendOptions.defaults());
            dir = Files.createTempDirectory("outpost-bench-upload");
            model = model();
            template = dir.resolve("template.db");
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(template, model))) {
                DataService service = new DataService(store);
                for (int i = 0; i < creates; i++) {
                    service.createEntity(StoreSuite.workOrder(i));
                }
            }
        }

        @Override
        public Object run() throws Exception {
            backend.journal().clear(); // the test back end records every request body: not part of what is measured
            Path file = dir.resolve("store-" + (run++) + ".db");
            Files.copy(template, file, StandardCopyOption.REPLACE_EXISTING);
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, model)
                    .sync(SyncOptions.of(backend.serviceRoot())))) {
                UploadResult result = store.upload().get(30, TimeUnit.MINUTES);
                if (result.succeeded() != creates) {
                    throw new IllegalStateException("uploaded " + result.succeeded() + " of " + creates);
                }
                roundTrips = result.roundTrips();
                return result;
            } finally {
                Bench.deleteStore(file);
            }
        }

        @Override
        public Optional<Baseline> baseline() {
            return Optional.of(new Baseline("the same creates with the same headers (return=representation, repeatability IDs)"
                    + " POSTed as raw $batch requests of 1,000 over HTTP, answers read and discarded (no store, no key mapping)",
                    this::raw));
        }

        private Object raw() throws Exception {
            backend.journal().clear();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String client = java.util.UUID.randomUUID().toString();
            String firstSent = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(
                    java.time.ZoneOffset.UTC)).replace("Z", "GMT");
            for (int from = 0; from < creates; from += 1000) {
                StringBuilder body = new StringBuilder();
                for (int i = from; i < Math.min(creates, from + 1000); i++) {
                    body.append("--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                            .append("POST WorkOrders HTTP/1.1\r\nContent-Type: application/json\r\nAccept: application/json\r\n")
                            .append("Prefer: return=representation\r\nRepeatability-Client-ID: ").append(client)
                            .append("\r\nRepeatability-Request-ID: ").append(java.util.UUID.randomUUID())
                            .append("\r\nRepeatability-First-Sent: ").append(firstSent).append("\r\n\r\n")
                            .append("{\"Title\":\"Work order ").append(i).append("\",\"Description\":\"Replace the pump\",")
                            .append("\"Priority\":").append(1 + i % 5).append(",\"EstimatedCost\":")
                            .append(BigDecimal.valueOf(i % 100_000, 2).toPlainString()).append(",\"DueDate\":\"")
                            .append(LocalDate.of(2026, 1, 1).plusDays(i % 365)).append("\"}\r\n");
                }
                body.append("--b--\r\n");
                HttpRequest request = HttpRequest.newBuilder(backend.serviceRoot().resolve("$batch"))
                        .header("Content-Type", "multipart/mixed; boundary=b")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("raw batch answered " + response.statusCode());
                }
            }
            return creates;
        }

        @Override
        public void tearDown() throws Exception {
            backend.close();
            Bench.delete(dir);
        }
    }
}
