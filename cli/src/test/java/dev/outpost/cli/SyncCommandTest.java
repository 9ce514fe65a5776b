package dev.outpost.cli;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.outpost.cli.ValidateCommandTest.outpost;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code outpost store ... download|upload|sync|resolve} against the example back end. */
class SyncCommandTest {

    @TempDir
    Path dir;

    @Test
    void downloadsWorksOfflineUploadsAndResolves() {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults())) {
            backend.seed(Seed.workOrders(30));
            String store = dir.resolve("cli.db").toString();
            String root = backend.serviceRoot().toString();

            ValidateCommandTest.Run download = outpost("store", "--store", store, "--service", root,
                    "--defining-query", "orders=WorkOrders?$filter=Priority le 5", "download");
            assertThat(download.status()).as(download.err()).isZero();
            assertThat(download.out()).startsWith("{\"download\":{\"definingQueries\":[\"orders\"],\"entities\":30,");

            assertThat(outpost("store", "--store", store, "--service", root, "update", "WorkOrders(1)",
                    "{\"Title\":\"edited on the command line\"}").status()).isZero();
            backend.database().execute("DELETE FROM WorkOrders WHERE Id = 1");
            assertThat(outpost("store", "--store", store, "--service", root, "create", "WorkOrders",
                    "{\"Title\":\"new from the cli\"}").status()).isZero();

            ValidateCommandTest.Run upload = outpost("store", "--store", store, "--service", root, "upload");
            assertThat(upload.status()).as(upload.err()).isZero();
            assertThat(upload.out()).contains("\"succeeded\":1,\"failed\":1,");
            assertThat(backend.database().count("WorkOrders", "Title = ?", "new from the cli")).isEqualTo(1);

            ValidateCommandTest.Run errors = outpost("store", "--store", store, "--service", root, "errors");
            assertThat(errors.out()).contains("\"HTTPStatusCode\":404").contains("\"ErrorID\":1");
            ValidateCommandTest.Run resolved = outpost("store", "--store", store, "--service", root, "resolve", "1", "keep-server");
            assertThat(resolved.status()).as(resolved.err()).isZero();
            assertThat(resolved.out()).contains("\"value\":[]");

            ValidateCommandTest.Run sync = outpost("store", "--store", store, "--service", root, "sync");
            assertThat(sync.status()).as(sync.err()).isZero();
            assertThat(sync.out()).contains("\"delta\":1");

            ValidateCommandTest.Run noService = outpost("store", "--store", store, "--metadata", "x.xml", "upload");
            assertThat(noService.status()).isEqualTo(2);
            ValidateCommandTest.Run badHow = outpost("store", "--store", store, "--service", root, "resolve", "1", "later");
            assertThat(badHow.status()).isEqualTo(2);
            assertThat(badHow.err()).contains("'later' is not a resolution");
        }
    }
}
