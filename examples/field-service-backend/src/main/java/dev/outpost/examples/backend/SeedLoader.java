package dev.outpost.examples.backend;

import dev.outpost.examples.backend.internal.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;

/** Inserts a {@link Seed}'s sample data with JDBC batches in one transaction. */
final class SeedLoader {

  private static final int BATCH = 10_000;
  private static final LocalDate FIRST_DUE = LocalDate.of(2026, 1, 1);
  private static final String[] CITIES = {"Berlin", "Lyon", "Porto", "Graz", "Leeds", "Turku", "Ghent"};

  private SeedLoader() {}

  static void load(Database database, Seed seed) {
    database.transaction(connection -> {
      long now = System.currentTimeMillis();
      String[] customers = customers(connection, database, seed, now);
      long firstTechnician = technicians(connection, database, seed, now);
      String[] parts = parts(connection, database, seed);
      long firstWorkOrder = max(connection, "SELECT coalesce(max(Id), 0) FROM WorkOrders") + 1;
      workOrders(connection, database, seed, now, customers, firstTechnician, firstWorkOrder);
      tasks(connection, database, seed, now, firstWorkOrder);
      partLinks(connection, seed, parts, firstWorkOrder);
      return null;
    });
  }

  private static String[] customers(Connection connection, Database database, Seed seed, long now)
      throws SQLException {
    String[] ids = new String[seed.customers()];
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO Customers (Id, Name, Email, Phone,"
        + " Address_Street, Address_City, Address_PostalCode, Address_Country, ModifiedAt, _version)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      long start = max(connection, "SELECT count(*) FROM Customers");
      for (int i = 0; i < ids.length; i++) {
        long n = start + i + 1;
        ids[i] = new UUID(0x5eedL, n).toString();
        insert.setString(1, ids[i]);
        insert.setString(2, "Customer " + n);
        insert.setString(3, "customer" + n + "@example.com");
        insert.setString(4, "+49 30 " + (1000000 + n));
        insert.setString(5, n + " Main Street");
        insert.setString(6, CITIES[(int) (n % CITIES.length)]);
        insert.setString(7, Long.toString(10000 + n % 90000));
        insert.setString(8, "DE");
        insert.setLong(9, now);
        insert.setLong(10, database.nextVersion());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return ids;
  }

  private static long technicians(Connection connection, Database database, Seed seed, long now)
      throws SQLException {
    long first = max(connection, "SELECT coalesce(max(Id), 0) FROM Technicians") + 1;
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO Technicians (Id, Name, Skills,"
        + " HourlyRate, ModifiedAt, _version) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < seed.technicians(); i++) {
        insert.setLong(1, first + i);
        insert.setString(2, "Technician " + (first + i));
        insert.setString(3, i % 2 == 0 ? "[\"electrical\",\"plumbing\"]" : "[\"heating\"]");
        insert.setLong(4, 4500 + 250L * (i % 8));
        insert.setLong(5, now);
        insert.setLong(6, database.nextVersion());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return first;
  }

  private static String[] parts(Connection connection, Database database, Seed seed) throws SQLException {
    String[] numbers = new String[seed.parts()];
    long start = max(connection, "SELECT count(*) FROM Parts");
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO Parts (PartNumber, Name, UnitPrice,"
        + " InStock, _version) VALUES (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = String.format("P-%05d", start + i + 1);
        insert.setString(1, numbers[i]);
        insert.setString(2, "Part " + (start + i + 1));
        insert.setLong(3, 199 + 100L * i);
        insert.setLong(4, i % 10);
        insert.setLong(5, database.nextVersion());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return numbers;
  }

  private static void workOrders(Connection connection, Database database, Seed seed, long now, String[] customers,
      long firstTechnician, long firstId) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO WorkOrders (Id, Title, Description,"
        + " Status, Priority, EstimatedCost, DueDate, SiteAddress_Street, SiteAddress_City, SiteAddress_PostalCode,"
        + " SiteAddress_Country, CustomerId, TechnicianId, CreatedAt, ModifiedAt, _version)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (long i = 0; i < seed.workOrders(); i++) {
        long id = firstId + i;
        insert.setLong(1, id);
        insert.setString(2, "Work order " + id);
        insert.setString(3, "Inspect and repair installation " + id + ".");
        insert.setLong(4, id % 5);
        insert.setLong(5, 1 + id % 5);
        insert.setLong(6, 10000 + (id * 37) % 500000);
        insert.setString(7, FIRST_DUE.plusDays(id % 365).toString());
        insert.setString(8, id + " Station Road");
        insert.setString(9, CITIES[(int) (id % CITIES.length)]);
        insert.setString(10, Long.toString(10000 + id % 90000));
        insert.setString(11, "DE");
        insert.setString(12, customers[(int) (i % customers.length)]);
        insert.setLong(13, firstTechnician + i % seed.technicians());
        insert.setLong(14, now);
        insert.setLong(15, now);
        insert.setLong(16, database.nextVersion());
        insert.addBatch();
        if ((i + 1) % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private static void tasks(Connection connection, Database database, Seed seed, long now, long firstWorkOrder)
      throws SQLException {
    if (seed.tasksPerWorkOrder() == 0) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO Tasks (WorkOrderId, LineNo,"
        + " Description, Done, EstimatedDuration, ModifiedAt, _version) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      long rows = 0;
      for (long i = 0; i < seed.workOrders(); i++) {
        for (int line = 1; line <= seed.tasksPerWorkOrder(); line++) {
          insert.setLong(1, firstWorkOrder + i);
          insert.setLong(2, line);
          insert.setString(3, "Step " + line);
          insert.setLong(4, line == 1 ? 1 : 0);
          insert.setLong(5, 900_000L * line);
          insert.setLong(6, now);
          insert.setLong(7, database.nextVersion());
          insert.addBatch();
          if (++rows % BATCH == 0) {
            insert.executeBatch();
          }
        }
      }
      insert.executeBatch();
    }
  }

  private static void partLinks(Connection connection, Seed seed, String[] parts, long firstWorkOrder)
      throws SQLException {
    if (seed.partsPerWorkOrder() == 0) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO WorkOrders_Parts (WorkOrders_Id, Parts_PartNumber) VALUES (?, ?)")) {
      long rows = 0;
      for (long i = 0; i < seed.workOrders(); i++) {
        for (int p = 0; p < seed.partsPerWorkOrder(); p++) {
          insert.setLong(1, firstWorkOrder + i);
          insert.setString(2, parts[(int) ((i + p) % parts.length)]);
          insert.addBatch();
          if (++rows % BATCH == 0) {
            insert.executeBatch();
          }
        }
      }
      insert.executeBatch();
    }
  }

  private static long max(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }
}
