package dev.outpost.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.outpost.cli.ValidateCommandTest.fieldService;
import static dev.outpost.cli.ValidateCommandTest.outpost;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code outpost store}: an offline store worked on from the command line, no back end needed. */
class StoreCommandTest {

    @TempDir
    Path dir;

    private ValidateCommandTest.Run store(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "store";
        all[1] = "--store";
        all[2] = dir.resolve("store.db").toString();
        all[3] = "--metadata";
        all[4] = fieldService().toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return outpost(all);
    }

    @Test
    void createsQueriesUpdatesDeletesAndShowsTheQueue() {
        ValidateCommandTest.Run created = store("create", "WorkOrders",
                "{\"Title\":\"Replace pump\",\"Priority\":1,\"Tasks\":[{\"LineNo\":1,\"Description\":\"Drain\"}]}");
        assertThat(created.status()).isZero();
        assertThat(created.out()).isEqualTo("WorkOrders($lid=1)\n");

        ValidateCommandTest.Run query = store("query", "WorkOrders?$filter=Priority eq 1&$expand=Tasks");
        assertThat(query.status()).isZero();
        assertThat(query.out()).contains("\"Title\":\"Replace pump\"").contains("\"Tasks\":[{\"@odata.readLink\":\"Tasks($lid=1)\"")
                .contains("\"@outpost.isNew\":true");

        assertThat(store("update", "WorkOrders($lid=1)", "{\"Priority\":2}").out()).contains("\"Priority\":2");
        assertThat(store("query", "WorkOrders?$count=true&$top=0").out()).contains("\"@odata.count\":1");
        ValidateCommandTest.Run paged = store("query", "Tasks", "--maxpagesize", "1");
        assertThat(paged.out()).doesNotContain("nextLink");

        assertThat(store("delete", "Tasks($lid=1)").status()).isZero();
        assertThat(store("query", "Tasks").out()).isEqualTo("{\"value\":[]}\n");
        ValidateCommandTest.Run queue = store("queue");
        assertThat(queue.out()).contains("\"Method\":\"POST\",\"URL\":\"WorkOrders\"")
                .contains("\"Method\":\"PATCH\",\"URL\":\"WorkOrders($lid=1)\",\"Body\":\"{\\\"Priority\\\":2}\"")
                .contains("\"Method\":\"DELETE\",\"URL\":\"Tasks($lid=1)\"");
        assertThat(store("errors").out()).isEqualTo("{\"value\":[]}\n");
        assertThat(store("events").out()).isEqualTo("{\"value\":[]}\n");

        ValidateCommandTest.Run undone = store("undo", "WorkOrders($lid=1)");
        assertThat(undone.status()).isZero();
        assertThat(undone.out()).isEmpty();
        // a Task cannot exist without its WorkOrder: the deep-inserted task and its later delete go with it
        assertThat(store("queue").out()).isEqualTo("{\"value\":[]}\n");
        assertThat(store("query", "Tasks").out()).isEqualTo("{\"value\":[]}\n");
    }

    @Test
    void badInputIsOneClearLineAndExitStatusTwo() {
        ValidateCommandTest.Run missing = store("create", "WorkOrders", "{\"Priority\":1}");
        assertThat(missing.status()).isEqualTo(ExitStatus.USAGE);
        assertThat(missing.err()).isEqualTo("outpost: WorkOrders/Title: 'Title' is required (Nullable=false); set it before"
                + " creating the entity\n");
        assertThat(store("create", "Nope", "{}").err()).contains("no entity set 'Nope'");
        assertThat(store("create", "WorkOrders", "{not json").err()).startsWith("outpost: invalid JSON");
        assertThat(store("query", "WorkOrders?$filter=Priority eq").err()).contains("at position");
        assertThat(store("update", "WorkOrders(7)", "{}").err()).contains("no entity at 'WorkOrders(7)' (404)");
        assertThat(store("query", "WorkOrders").out()).isEqualTo("{\"value\":[]}\n");
        assertThat(outpost("store", "--store", dir.resolve("x.db").toString(), "query", "WorkOrders").err())
                .contains("give --metadata FILE, or --service URL");
    }
}
