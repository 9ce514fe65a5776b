package dev.outpost.cli;

import dev.outpost.DataService;
import dev.outpost.EntityValue;
import dev.outpost.ODataJson;
import dev.outpost.OfflineStore;
import dev.outpost.QueryResult;
import dev.outpost.StoreOptions;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code outpost store}: works with an offline store file without a back end: query it, change
 * it (each change is queued), undo, and read the request queue, the error archive and the event
 * log. Output is JSON; bad input is one line on stderr and exit status 2.
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Query and change an offline store file; every change is queued as an OData request.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {StoreCommand.Query.class, StoreCommand.Create.class, StoreCommand.Update.class,
                StoreCommand.Delete.class, StoreCommand.Undo.class, StoreCommand.Queue.class, StoreCommand.Errors.class,
                StoreCommand.Events.class})
final class StoreCommand implements Callable<Integer>, Outpost.Verbose {

    @Option(names = "--store", required = true, paramLabel = "FILE", description = "The store file (created if missing).")
    Path store;

    @Option(names = "--metadata", required = true, paramLabel = "FILE", description = "The service's $metadata document.")
    Path metadata;

    @Option(names = "--verbose", description = "Print stack traces of failures.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("outpost store: name a command, for example 'query WorkOrders?$top=10'");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE;
    }

    /** Opens the store, runs the work, closes the store, prints the result. */
    int run(CommandSpec command, Function<Context, String> work) {
        ServiceModel model = ServiceModel.read(MetadataSource.file(metadata));
        try (OfflineStore offline = OfflineStore.open(StoreOptions.of(store, model))) {
            String out = work.apply(new Context(model, new DataService(offline)));
            if (out != null) {
                command.commandLine().getOut().println(out);
            }
        }
        return ExitStatus.OK;
    }

    /** What a subcommand works with. */
    record Context(ServiceModel model, DataService service) {
        String query(String url, Integer pageSize) {
            DataQuery q = DataQuery.parse(url);
            if (pageSize != null) {
                q = q.maxPageSize(pageSize);
            }
            QueryResult<EntityValue> result = service.executeQuery(q);
            return ODataJson.write(model, result);
        }
    }

    /** A subcommand of {@code store}. */
    abstract static class Sub implements Callable<Integer>, Outpost.Verbose {
        @ParentCommand
        StoreCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public boolean verbose() {
            return parent.verbose;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true, description = "Runs an OData URL relative to the service root.")
    static final class Query extends Sub {
        @Parameters(paramLabel = "ODATA-URL", description = "For example \"WorkOrders?$filter=Priority lt 3&$expand=Customer\".")
        String url;

        @Option(names = "--maxpagesize", paramLabel = "N", description = "Server-driven paging: at most N entities, then a next link.")
        Integer pageSize;

        @Override
        public Integer call() {
            return parent.run(spec, c -> c.query(url, pageSize));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates an entity from JSON (queued as POST) and prints its readLink.")
    static final class Create extends Sub {
        @Parameters(index = "0", paramLabel = "ENTITY-SET")
        String entitySet;

        @Parameters(index = "1", paramLabel = "JSON", description = "Properties; Nav@odata.bind takes readLinks; nested objects deep-insert.")
        String json;

        @Override
        public Integer call() {
            return parent.run(spec, c -> {
                EntityValue e = ODataJson.read(c.model(), entitySet, json, c.service()::loadEntity);
                c.service().createEntity(e, entitySet, dev.outpost.RequestOptions.defaults());
                return e.readLink();
            });
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Sets properties from JSON (queued as one PATCH) and prints the entity.")
    static final class Update extends Sub {
        @Parameters(index = "0", paramLabel = "READ-LINK")
        String readLink;

        @Parameters(index = "1", paramLabel = "JSON")
        String json;

        @Override
        public Integer call() {
            return parent.run(spec, c -> {
                EntityValue e = c.service().loadEntity(readLink);
                ODataJson.apply(c.model(), e, json);
                c.service().updateEntity(e);
                return ODataJson.write(c.model(), c.service().loadEntity(readLink));
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes an entity (queued as DELETE).")
    static final class Delete extends Sub {
        @Parameters(paramLabel = "READ-LINK")
        String readLink;

        @Override
        public Integer call() {
            return parent.run(spec, c -> {
                c.service().deleteEntity(c.service().loadEntity(readLink));
                return null;
            });
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true,
            description = "Drops an entity's pending changes; prints it as restored (nothing if it was created locally).")
    static final class Undo extends Sub {
        @Parameters(paramLabel = "READ-LINK")
        String readLink;

        @Override
        public Integer call() {
            return parent.run(spec, c -> {
                c.service().undoPendingChanges(readLink);
                return c.service().executeQuery(DataQuery.parse(readLink)).entities().stream().findFirst()
                        .map(restored -> ODataJson.write(c.model(), restored)).orElse(null);
            });
        }
    }

    @Command(name = "queue", mixinStandardHelpOptions = true, description = "Prints the request queue in upload order.")
    static final class Queue extends Sub {
        @Override
        public Integer call() {
            return parent.run(spec, c -> c.query("RequestQueue?$orderby=RequestID", null));
        }
    }

    @Command(name = "errors", mixinStandardHelpOptions = true, description = "Prints the error archive (failed requests).")
    static final class Errors extends Sub {
        @Override
        public Integer call() {
            return parent.run(spec, c -> c.query("ErrorArchive?$orderby=ErrorID", null));
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true, description = "Prints the event log (newest 100 events).")
    static final class Events extends Sub {
        @Override
        public Integer call() {
            return parent.run(spec, c -> c.query("EventLog?$orderby=ID desc", null));
        }
    }
}
