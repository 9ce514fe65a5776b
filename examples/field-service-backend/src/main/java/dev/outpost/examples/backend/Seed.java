package dev.outpost.examples.backend;

/**
 * How much deterministic sample data {@link FieldServiceBackend#seed(Seed)} adds. Immutable.
 * Work orders refer to the seeded customers and technicians in turn; each gets
 * {@code tasksPerWorkOrder} tasks and links to {@code partsPerWorkOrder} parts.
 */
public final class Seed {

  private final int customers;
  private final int technicians;
  private final int parts;
  private final long workOrders;
  private final int tasksPerWorkOrder;
  private final int partsPerWorkOrder;

  private Seed(int customers, int technicians, int parts, long workOrders, int tasksPerWorkOrder,
      int partsPerWorkOrder) {
    if (customers < 1 || technicians < 1 || parts < 0 || workOrders < 0 || tasksPerWorkOrder < 0
        || partsPerWorkOrder < 0 || partsPerWorkOrder > parts) {
      throw new IllegalArgumentException("A seed needs at least one customer and technician, no negative counts,"
          + " and no more parts per work order than parts.");
    }
    this.customers = customers;
    this.technicians = technicians;
    this.parts = parts;
    this.workOrders = workOrders;
    this.tasksPerWorkOrder = tasksPerWorkOrder;
    this.partsPerWorkOrder = partsPerWorkOrder;
  }

  /** {@code n} work orders over 10 customers, 5 technicians and 20 parts, without tasks or part links. */
  public static Seed workOrders(long n) {
    return new Seed(10, 5, 20, n, 0, 0);
  }

  public Seed withCustomers(int n) {
    return new Seed(n, technicians, parts, workOrders, tasksPerWorkOrder, partsPerWorkOrder);
  }

  public Seed withTechnicians(int n) {
    return new Seed(customers, n, parts, workOrders, tasksPerWorkOrder, partsPerWorkOrder);
  }

  public Seed withParts(int n) {
    return new Seed(customers, technicians, n, workOrders, tasksPerWorkOrder, partsPerWorkOrder);
  }

  public Seed withTasksPerWorkOrder(int n) {
    return new Seed(customers, technicians, parts, workOrders, n, partsPerWorkOrder);
  }

  public Seed withPartsPerWorkOrder(int n) {
    return new Seed(customers, technicians, parts, workOrders, tasksPerWorkOrder, n);
  }

  public int customers() { return customers; }
  public int technicians() { return technicians; }
  public int parts() { return parts; }
  public long workOrders() { return workOrders; }
  public int tasksPerWorkOrder() { return tasksPerWorkOrder; }
  public int partsPerWorkOrder() { return partsPerWorkOrder; }
}
