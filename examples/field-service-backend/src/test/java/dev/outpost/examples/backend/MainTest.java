package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone command: every flag reaches the options, bad ones are named, and the process serves the service. */
class MainTest {

  @Test
  void everyFlagReachesTheOptions() {
    Main.Command c = Main.parse("--port", "0", "--db", "data.db", "--seed", "12", "--page-size", "7", "--no-delta",
        "--no-repeatability", "--no-batch", "--relative-links", "--duplicate-key-500", "--csrf",
        "--basic-auth", "tech:s3:cret");

    BackendOptions o = c.options();
    assertThat(c.seed()).isEqualTo(12);
    assertThat(o.port()).isZero();
    assertThat(o.databaseFile()).isEqualTo(Path.of("data.db"));
    assertThat(o.pageSize()).isEqualTo(7);
    assertThat(o.delta()).isFalse();
    assertThat(o.repeatability()).isFalse();
    assertThat(o.batch()).isFalse();
    assertThat(o.relativeLinks()).isTrue();
    assertThat(o.duplicateKeyStatus()).isEqualTo(500);
    assertThat(o.csrfRequired()).isTrue();
    assertThat(o.user()).isEqualTo("tech");
    assertThat(o.password()).isEqualTo("s3:cret");
  }

  @Test
  void defaultsServeOnPort8080WithEverythingOn() {
    BackendOptions o = Main.parse().options();
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.delta()).isTrue();
    assertThat(o.repeatability()).isTrue();
    assertThat(o.batch()).isTrue();
    assertThat(o.basicAuthentication()).isFalse();
  }

  @Test
  void badFlagsAreNamed() {
    assertThatThrownBy(() -> Main.parse("--verbose")).hasMessage("Unknown option --verbose");
    assertThatThrownBy(() -> Main.parse("--port")).hasMessage("--port needs a value");
    assertThatThrownBy(() -> Main.parse("--seed", "many")).hasMessage("--seed needs a number of 0 or more, not 'many'");
    assertThatThrownBy(() -> Main.parse("--basic-auth", "tech")).hasMessage("--basic-auth needs USER:PASSWORD");
    assertThatThrownBy(() -> Main.parse("--page-size", "0")).hasMessageContaining("page size must be at least 1");
  }

  @Test
  void theStandaloneProcessServesTheServiceOnLoopback(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("backend.db");
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--port", "0", "--db", db.toString(),
        "--seed", "3", "--no-batch")).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line).as("first line of the standalone back end").isNotNull();
      Matcher root = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+/odata/) \\(data in (.*)\\)").matcher(line);
      assertThat(root.find()).as(line).isTrue();
      assertThat(Path.of(root.group(2))).isEqualTo(db);

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> count = http.send(HttpRequest.newBuilder(URI.create(root.group(1) + "WorkOrders/$count"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(count.statusCode()).isEqualTo(200);
      assertThat(count.body().trim()).isEqualTo("3");
      HttpResponse<String> batch = http.send(HttpRequest.newBuilder(URI.create(root.group(1) + "$batch"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "multipart/mixed;boundary=b")
          .POST(HttpRequest.BodyPublishers.ofString("--b--\r\n")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(batch.statusCode()).as("--no-batch turns $batch off").isEqualTo(501);
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
