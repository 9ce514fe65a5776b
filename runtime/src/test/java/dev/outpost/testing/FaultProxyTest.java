package dev.outpost.testing;

import dev.outpost.examples.backend.FieldServiceBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * R2: the fault proxy between a plain JDK HTTP client and the example back end does what each
 * fault promises, as the server (its rows and journal) and the client (status or exception)
 * see it. Faults go through one kept-alive client, as a real client's requests would.
 */
class FaultProxyTest {

    static FieldServiceBackend backend;
    static FaultProxy proxy;
    static URI root;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        backend = FieldServiceBackend.start();
        proxy = FaultProxy.start(backend.serviceRoot());
        root = proxy.rewrite(backend.serviceRoot());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @BeforeEach
    void reset() {
        backend.reset();
        proxy.clear();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(20)).GET().build();
    }

    private static HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static long workOrders() {
        return backend.database().count("WorkOrders");
    }

    @Test
    void withoutFaultsTheProxyIsInvisible() throws Exception {
        HttpResponse<String> direct = HTTP.send(HttpRequest.newBuilder(backend.serviceRoot().resolve("$metadata")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> proxied = send(get("$metadata"));
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).isEqualTo(direct.body());
        assertThat(send(post("WorkOrders", "{\"Title\":\"through the proxy\"}")).statusCode()).isEqualTo(201);
        HttpResponse<String> read = send(get("WorkOrders?$filter=Title%20eq%20'through%20the%20proxy'"));
        assertThat(read.body()).contains("through the proxy");
        // a request body of unknown length comes chunked
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(root.resolve("WorkOrders"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new ByteArrayInputStream("{\"Title\":\"chunked\"}".getBytes(StandardCharsets.UTF_8)))).build());
        assertThat(chunked.statusCode()).isEqualTo(201);
        assertThat(workOrders()).isEqualTo(2);
        assertThat(proxy.exchanges()).extracting(e -> e.request().method() + " " + e.request().path() + " " + e.upstreamStatus())
                .containsExactly("GET /odata/$metadata 200", "POST /odata/WorkOrders 201", "GET /odata/WorkOrders 200",
                        "POST /odata/WorkOrders 201");
        assertThat(proxy.exchanges().stream().map(e -> e.request().connection()).distinct()).hasSize(1);
    }

    @Test
    void resetBeforeForwardingNeverReachesTheServer() {
        proxy.on(FaultProxy.request("POST", "/odata/WorkOrders"), FaultProxy.Fault.resetBeforeForwarding(), 1);
        Throwable t = catchThrowable(() -> send(post("WorkOrders", "{\"Title\":\"lost\"}")));
        assertThat(t).isInstanceOf(IOException.class);
        assertThat(workOrders()).isZero();
        assertThat(backend.journal().entries()).isEmpty();
        assertThat(proxy.exchanges()).singleElement().satisfies(e -> assertThat(e.upstreamStatus()).isEqualTo(-1));
    }

    @Test
    void resetAfterResponseLeavesTheServersCommitAndTheClientInTheDark() throws Exception {
        proxy.on(FaultProxy.request("POST", "/odata/WorkOrders"), FaultProxy.Fault.resetAfterResponse(), 1);
        Throwable t = catchThrowable(() -> send(post("WorkOrders", "{\"Title\":\"committed\"}")));
        assertThat(t).isInstanceOf(IOException.class);
        assertThat(workOrders()).isEqualTo(1);
        assertThat(proxy.exchanges()).singleElement().satisfies(e -> assertThat(e.upstreamStatus()).isEqualTo(201));
        // the next request goes through on a new connection
        assertThat(send(get("WorkOrders/$count")).body()).isEqualTo("1");
        assertThat(proxy.exchanges().stream().map(e -> e.request().connection()).distinct()).hasSize(2);
    }

    @Test
    void aTruncatedBodyIsAnErrorForTheClient() throws Exception {
        send(post("WorkOrders", "{\"Title\":\"" + "x".repeat(90) + "\"}"));
        proxy.on(FaultProxy.request("GET", "/odata/WorkOrders"), FaultProxy.Fault.truncateBody(20), 1);
        Throwable t = catchThrowable(() -> send(get("WorkOrders")));
        assertThat(t).isInstanceOf(IOException.class);
        assertThat(send(get("WorkOrders")).body()).contains("x".repeat(90));
    }

    @Test
    void aDelayedResponseTimesTheClientOutAfterTheServerActed() {
        proxy.on(FaultProxy.request("POST", "/odata/WorkOrders"), FaultProxy.Fault.delayResponse(Duration.ofSeconds(3)), 1);
        HttpRequest quick = HttpRequest.newBuilder(root.resolve("WorkOrders")).timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"Title\":\"slow\"}"))
                .build();
        assertThat(catchThrowable(() -> send(quick))).isInstanceOf(HttpTimeoutException.class);
        assertThat(workOrders()).isEqualTo(1);
    }

    @Test
    @Timeout(60) // guards the wait for the late delivery below; nothing here measures time
    void aDelayedRequestTimesTheClientOutAndStillArrivesLate() throws Exception {
        proxy.on(FaultProxy.request("POST", "/odata/WorkOrders"), FaultProxy.Fault.delayRequest(Duration.ofMillis(800)), 1);
        HttpRequest quick = HttpRequest.newBuilder(root.resolve("WorkOrders")).timeout(Duration.ofMillis(200))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"Title\":\"late\"}"))
                .build();
        assertThat(catchThrowable(() -> send(quick))).isInstanceOf(HttpTimeoutException.class);
        // the late delivery is recorded once it happened; wait for it through the proxy's own log
        while (proxy.exchanges().isEmpty() || proxy.exchanges().get(0).upstreamStatus() < 0) {
            Thread.sleep(20);
        }
        assertThat(workOrders()).isEqualTo(1);
    }

    @Test
    void burstsOf503And429WithRetryAfterAreAnsweredByTheProxy() throws Exception {
        proxy.on(FaultProxy.any(), FaultProxy.Fault.respond(503, 1), 2)
                .on(FaultProxy.any(), FaultProxy.Fault.respond(429, 7), 1);
        List<HttpResponse<String>> answers = List.of(send(get("WorkOrders")), send(get("WorkOrders")),
                send(get("WorkOrders")), send(get("WorkOrders")));
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(503, 503, 429, 200);
        assertThat(answers.get(0).headers().firstValue("Retry-After")).hasValue("1");
        assertThat(answers.get(2).headers().firstValue("Retry-After")).hasValue("7");
        assertThat(backend.journal().entries()).hasSize(1);
        assertThat(proxy.exchanges().stream().map(e -> e.request().connection()).distinct()).hasSize(1);
    }

    @Test
    void batchRequestsPassAndCanBeCutAfterTheServerCommitted() throws Exception {
        String boundary = "batch_1";
        String body = "--" + boundary + "\r\nContent-Type: multipart/mixed; boundary=cs\r\n\r\n"
                + "--cs\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n"
                + "POST WorkOrders HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"Title\":\"in a batch\"}\r\n"
                + "--cs\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n"
                + "POST $1/Tasks HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"LineNo\":1,\"Description\":\"d\"}\r\n"
                + "--cs--\r\n--" + boundary + "--\r\n";
        HttpRequest batch = HttpRequest.newBuilder(root.resolve("$batch")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "multipart/mixed; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> ok = send(batch);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("HTTP/1.1 201", "Content-ID: 1", "Content-ID: 2");
        assertThat(workOrders()).isEqualTo(1);

        proxy.on(FaultProxy.request("POST", "/odata/$batch"), FaultProxy.Fault.resetAfterResponse(), 1);
        assertThat(catchThrowable(() -> send(batch))).isInstanceOf(IOException.class);
        assertThat(workOrders()).isEqualTo(2);
        assertThat(backend.database().count("Tasks")).isEqualTo(2);

        proxy.on(FaultProxy.request("POST", "/odata/$batch"), FaultProxy.Fault.truncateBody(40), 1);
        assertThat(catchThrowable(() -> send(batch))).isInstanceOf(IOException.class);
        assertThat(workOrders()).isEqualTo(3);
        assertThat(proxy.exchanges()).extracting(FaultProxy.Exchange::upstreamStatus).containsExactly(200, 200, 200);
    }

    @Test
    void aSeededChooserDecidesForRequestsNoRuleMatched() throws Exception {
        java.util.Random random = new java.util.Random(42);
        proxy.chooser(r -> random.nextBoolean() ? FaultProxy.Fault.respond(500, -1) : FaultProxy.Fault.pass());
        int ok = 0;
        for (int i = 0; i < 20; i++) {
            ok += send(get("WorkOrders/$count")).statusCode() == 200 ? 1 : 0;
        }
        java.util.Random same = new java.util.Random(42);
        int expected = 0;
        for (int i = 0; i < 20; i++) {
            expected += same.nextBoolean() ? 0 : 1;
        }
        assertThat(ok).isEqualTo(expected);
        assertThat(backend.journal().entries()).hasSize(expected);
    }
}
