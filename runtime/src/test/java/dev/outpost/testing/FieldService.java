package dev.outpost.testing;

import dev.outpost.EntityValue;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;

/** The example field-service model (shipped by the example back end) and entity helpers for tests. */
public final class FieldService {

    public static final String NS = "FieldService";
    public static final QualifiedName WORK_ORDER = new QualifiedName(NS, "WorkOrder");
    public static final QualifiedName CUSTOMER = new QualifiedName(NS, "Customer");
    public static final QualifiedName TECHNICIAN = new QualifiedName(NS, "Technician");
    public static final QualifiedName TASK = new QualifiedName(NS, "Task");
    public static final QualifiedName PART = new QualifiedName(NS, "Part");
    public static final QualifiedName ADDRESS = new QualifiedName(NS, "Address");

    private static ServiceModel model;

    private FieldService() {
    }

    /** The model, read once. */
    public static synchronized ServiceModel model() {
        if (model == null) {
            model = ServiceModel.read(MetadataSource.classpath("field-service/metadata.xml"));
        }
        return model;
    }

    public static EntityValue workOrder(String title) {
        return new EntityValue(WORK_ORDER).setValue("Title", title);
    }

    public static EntityValue customer(java.util.UUID id, String name) {
        return new EntityValue(CUSTOMER).setValue("Id", id).setValue("Name", name);
    }

    public static EntityValue part(String number, String name) {
        return new EntityValue(PART).setValue("PartNumber", number).setValue("Name", name);
    }

    public static EntityValue task(int lineNo, String description) {
        return new EntityValue(TASK).setValue("LineNo", lineNo).setValue("Description", description);
    }
}
