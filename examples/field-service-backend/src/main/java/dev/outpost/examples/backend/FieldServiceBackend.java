package dev.outpost.examples.backend;

import dev.outpost.examples.backend.internal.http.BackendServlet;
import dev.outpost.examples.backend.internal.odata.Service;
import dev.outpost.examples.backend.internal.store.Catalog;
import dev.outpost.examples.backend.internal.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamException;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.ex.ODataException;
import org.apache.olingo.server.core.MetadataParser;
import org.apache.olingo.server.core.SchemaBasedEdmProvider;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The example field-service OData v4 back end, running: Apache Olingo on Jetty, listening on
 * 127.0.0.1 only, with its data in a SQLite file. Start one per test class (or per test) and
 * close it when done:
 *
 * <pre>{@code
 * try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withPageSize(100))) {
 *   backend.seed(Seed.workOrders(1_000));
 *   URI root = backend.serviceRoot();          // http://127.0.0.1:<port>/odata/
 *   backend.faults().failNth("POST", "WorkOrders", 1);
 *   ...
 *   assertThat(backend.database().count("WorkOrders")).isEqualTo(1_001);
 *   assertThat(backend.journal().last().status()).isEqualTo(201);
 * }
 * }</pre>
 */
public final class FieldServiceBackend implements AutoCloseable {

  /** The classpath resource of the $metadata document the back end serves. */
  public static final String METADATA_RESOURCE = "/field-service/metadata.xml";

  private final Server server;
  private final Database database;
  private final Catalog catalog;
  private final Path temporaryFile;
  private final Faults faults = new Faults();
  private final Journal journal = new Journal();
  private final URI serviceRoot;

  private FieldServiceBackend(BackendOptions options) throws Exception {
    temporaryFile = options.databaseFile() == null ? Files.createTempFile("field-service-", ".db") : null;
    database = new Database(temporaryFile != null ? temporaryFile : options.databaseFile());
    OData odata = OData.newInstance();
    ServiceMetadata metadata = metadata(odata);
    catalog = new Catalog(metadata.getEdm());
    catalog.create(database);
    BackendServlet servlet = new BackendServlet(hooks -> new Service(odata, metadata, catalog, database, options, hooks),
        options, database, faults::next, journal::add);
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(options.port());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(servlet), "/odata/*");
    server.setHandler(context);
    server.start();
    serviceRoot = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/odata/");
  }

  /** Starts a back end with {@code options}; fails if the port is taken or the database cannot be opened. */
  public static FieldServiceBackend start(BackendOptions options) {
    try {
      return new FieldServiceBackend(options);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("The field-service back end did not start: " + e.getMessage(), e);
    }
  }

  /** Starts a back end with {@link BackendOptions#defaults()}. */
  public static FieldServiceBackend start() {
    return start(BackendOptions.defaults());
  }

  /** The service root, e.g. {@code http://127.0.0.1:49152/odata/} (ends with a slash). */
  public URI serviceRoot() {
    return serviceRoot;
  }

  /** Fault injection rules, changeable while the back end runs. */
  public Faults faults() {
    return faults;
  }

  /** Every request received so far. */
  public Journal journal() {
    return journal;
  }

  /** SQL access to the data the back end holds. */
  public BackendDatabase database() {
    return new BackendDatabase(database);
  }

  /** The SQLite file the data lives in. */
  public Path databaseFile() {
    return database.file();
  }

  /** Adds {@code seed}'s sample data in one transaction (a million work orders take seconds). */
  public void seed(Seed seed) {
    SeedLoader.load(database, seed);
  }

  /**
   * Deletes all data, the records of deleted entities and of repeatable requests, the journal
   * and the fault rules. Versions keep counting, so delta links from before a reset do not
   * report what the reset removed: read the sets again.
   */
  public void reset() {
    database.transaction(connection -> {
      catalog.clear(connection);
      try (var statement = connection.createStatement()) {
        statement.execute("DELETE FROM sqlite_sequence");
      }
      return null;
    });
    journal.clear();
    faults.clear();
  }

  /** The $metadata document the back end serves, as committed in this module. */
  public static InputStream metadataDocument() {
    return FieldServiceBackend.class.getResourceAsStream(METADATA_RESOURCE);
  }

  private static ServiceMetadata metadata(OData odata) {
    try (Reader reader = new InputStreamReader(metadataDocument(), StandardCharsets.UTF_8)) {
      SchemaBasedEdmProvider provider = new MetadataParser().parseAnnotations(true).buildEdmProvider(reader);
      // MetadataParser reads a missing IncludeInServiceDocument as false, CSDL's default is true.
      for (CsdlEntitySet set : provider.getEntityContainer().getEntitySets()) {
        set.setIncludeInServiceDocument(true);
      }
      return odata.createServiceMetadata(provider, provider.getReferences());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + METADATA_RESOURCE + " from the classpath", e);
    } catch (XMLStreamException | ODataException e) {
      throw new IllegalStateException(METADATA_RESOURCE + " is not a valid CSDL document: " + e.getMessage(), e);
    }
  }

  /** Stops the server and closes the database; a temporary database file is deleted. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Stopping the back end's server failed: " + e.getMessage(), e);
    } finally {
      database.close();
      if (temporaryFile != null) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
          try {
            Files.deleteIfExists(Path.of(temporaryFile + suffix));
          } catch (IOException e) {
            // A temporary file that outlives the test run is harmless.
          }
        }
      }
    }
  }
}
