package dev.outpost.internal.sync;

import dev.outpost.SyncOptions;
import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The $batch writer and reader against the example back end (Olingo's server framing). */
class BatchTest {

    static FieldServiceBackend backend;
    static Http http;

    @BeforeAll
    static void start() {
        backend = FieldServiceBackend.start(BackendOptions.defaults());
        http = new Http(SyncOptions.of(backend.serviceRoot()));
    }

    @AfterAll
    static void stop() {
        http.close();
        backend.close();
    }

    static Map<String, String> json() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json");
        return h;
    }

    static Map<String, String> ifMatchAny() {
        Map<String, String> h = json();
        h.put("If-Match", "*");
        return h;
    }

    static List<List<Batch.PartResponse>> send(List<Batch.Item> items) throws Exception {
        String boundary = Batch.boundary("batch");
        byte[] body = Batch.write(boundary, items);
        try (Http.Response r = http.send("POST", backend.serviceRoot().resolve("$batch"),
                Map.of("Content-Type", "multipart/mixed; boundary=" + boundary, "Accept", "multipart/mixed"), body,
                new Cancellation())) {
            assertThat(r.status()).isEqualTo(200);
            return Batch.read(r.header("Content-Type"), r.bytes());
        }
    }

    @Test
    void aChangeSetWithContentIdReferencesAndASingleRequest() throws Exception {
        backend.reset();
        byte[] order = "{\"Title\":\"Pump ü\",\"Priority\":2}".getBytes(StandardCharsets.UTF_8);
        byte[] task = "{\"LineNo\":1,\"Description\":\"Check seal\"}".getBytes(StandardCharsets.UTF_8);
        var responses = send(List.of(
                new Batch.Item(List.of(new Batch.Part("POST", "WorkOrders", json(), order, "1"),
                        new Batch.Part("POST", "$1/Tasks", json(), task, "2")), true),
                new Batch.Item(List.of(new Batch.Part("GET", "WorkOrders?$select=Title", Map.of("Accept", "application/json"),
                        null, null)), false)));
        assertThat(responses).hasSize(2);
        assertThat(responses.get(0)).extracting(Batch.PartResponse::status).containsExactly(201, 201);
        assertThat(responses.get(0)).extracting(Batch.PartResponse::contentId).containsExactly("1", "2");
        assertThat(responses.get(0).get(0).text()).contains("\"Title\":\"Pump ü\"");
        assertThat(responses.get(0).get(0).header("ETag")).isNotBlank();
        assertThat(responses.get(1).get(0).status()).isEqualTo(200);
        assertThat(responses.get(1).get(0).text()).contains("Pump ü");
        assertThat(backend.database().count("Tasks")).isEqualTo(1);
    }

    @Test
    void aFailedChangeSetHasFewerResponsesThanRequestsAndRollsBack() throws Exception {
        backend.reset();
        var responses = send(List.of(new Batch.Item(List.of(
                new Batch.Part("POST", "WorkOrders", json(), "{\"Title\":\"a\"}".getBytes(StandardCharsets.UTF_8), "1"),
                new Batch.Part("PATCH", "WorkOrders(999)", ifMatchAny(), "{\"Title\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                        "2")),
                true)));
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0)).hasSize(1);
        assertThat(responses.get(0).get(0).status()).isEqualTo(404);
        assertThat(backend.database().count("WorkOrders")).isZero();
    }

    @Test
    void malformedResponsesAreReportedNotMisread() {
        assertThatThrownBy(() -> Batch.read("application/json", new byte[0])).hasMessageContaining("not multipart/mixed");
        assertThatThrownBy(() -> Batch.read("multipart/mixed; boundary=b", "--b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("ends inside a part");
        assertThatThrownBy(() -> Batch.read("multipart/mixed; boundary=b", "--b\r\nContent-Type: application/http\r\n\r\nHTTX 200\r\n\r\n--b--"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("no HTTP status line");
    }
}
