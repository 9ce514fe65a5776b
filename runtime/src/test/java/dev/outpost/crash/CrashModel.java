package dev.outpost.crash;

import dev.outpost.model.Annotation;
import dev.outpost.model.AnnotationValue;
import dev.outpost.model.Annotations;
import dev.outpost.model.EntityContainer;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.Facets;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.NavigationPropertyBinding;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ReferentialConstraint;
import dev.outpost.model.Schema;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.SourceLocation;
import dev.outpost.model.Terms;
import dev.outpost.model.TypeRef;

import java.util.List;

/**
 * A small field-service model built in code: customers, work orders with tasks (composite key,
 * referential constraint) and parts (many-to-many). Built in code because a child process
 * starts for every kill, and reading CSDL loads Olingo (about half a second per start).
 */
final class CrashModel {

    static final String NS = "Crash";
    static final QualifiedName CUSTOMER = new QualifiedName(NS, "Customer");
    static final QualifiedName WORK_ORDER = new QualifiedName(NS, "WorkOrder");
    static final QualifiedName TASK = new QualifiedName(NS, "Task");
    static final QualifiedName PART = new QualifiedName(NS, "Part");

    private static ServiceModel model;

    private CrashModel() {
    }

    static synchronized ServiceModel model() {
        if (model == null) {
            model = build();
        }
        return model;
    }

    private static ServiceModel build() {
        Annotations computed = new Annotations(List.of(new Annotation(Terms.CORE_COMPUTED, null,
                new AnnotationValue.Constant(AnnotationValue.ConstantKind.BOOL, "true"), SourceLocation.UNKNOWN)));
        EntityType customer = type(CUSTOMER, List.of("Id"), List.of(
                        p("Id", PrimitiveType.GUID, false, null, Annotations.NONE),
                        p("Name", PrimitiveType.STRING, false, 100, Annotations.NONE),
                        p("City", PrimitiveType.STRING, true, 50, Annotations.NONE)),
                List.of(nav("WorkOrders", WORK_ORDER, true, "Customer")));
        EntityType workOrder = type(WORK_ORDER, List.of("Id"), List.of(
                        p("Id", PrimitiveType.INT64, false, null, computed),
                        p("Title", PrimitiveType.STRING, false, 100, Annotations.NONE),
                        p("Priority", PrimitiveType.INT32, true, null, Annotations.NONE),
                        new Property("Cost", new TypeRef(PrimitiveType.DECIMAL.qualifiedName(), false), true,
                                new Facets(null, 12, 2, false, null, null), null, Annotations.NONE, SourceLocation.UNKNOWN),
                        p("Due", PrimitiveType.DATE, true, null, Annotations.NONE),
                        p("CustomerId", PrimitiveType.GUID, true, null, Annotations.NONE)),
                List.of(new NavigationProperty("Customer", CUSTOMER, false, true, "WorkOrders", false,
                                List.of(new ReferentialConstraint("CustomerId", "Id")), null, Annotations.NONE,
                                SourceLocation.UNKNOWN),
                        nav("Tasks", TASK, true, "WorkOrder"), nav("Parts", PART, true, "WorkOrders")));
        EntityType task = type(TASK, List.of("WorkOrderId", "LineNo"), List.of(
                        p("WorkOrderId", PrimitiveType.INT64, false, null, Annotations.NONE),
                        p("LineNo", PrimitiveType.INT32, false, null, Annotations.NONE),
                        p("Description", PrimitiveType.STRING, false, 200, Annotations.NONE),
                        p("Done", PrimitiveType.BOOLEAN, true, null, Annotations.NONE)),
                List.of(new NavigationProperty("WorkOrder", WORK_ORDER, false, false, "Tasks", false,
                        List.of(new ReferentialConstraint("WorkOrderId", "Id")), null, Annotations.NONE,
                        SourceLocation.UNKNOWN)));
        EntityType part = type(PART, List.of("PartNumber"), List.of(
                        p("PartNumber", PrimitiveType.STRING, false, 40, Annotations.NONE),
                        p("Name", PrimitiveType.STRING, false, 100, Annotations.NONE),
                        p("Stock", PrimitiveType.INT32, true, null, Annotations.NONE)),
                List.of(nav("WorkOrders", WORK_ORDER, true, "Parts")));
        List<EntitySet> sets = List.of(
                set("Customers", CUSTOMER, new NavigationPropertyBinding("WorkOrders", "WorkOrders")),
                set("WorkOrders", WORK_ORDER, new NavigationPropertyBinding("Customer", "Customers"),
                        new NavigationPropertyBinding("Tasks", "Tasks"), new NavigationPropertyBinding("Parts", "Parts")),
                set("Tasks", TASK, new NavigationPropertyBinding("WorkOrder", "WorkOrders")),
                set("Parts", PART, new NavigationPropertyBinding("WorkOrders", "WorkOrders")));
        return ServiceModel.builder("crash-model")
                .schema(new Schema(NS, null, Annotations.NONE, SourceLocation.UNKNOWN))
                .entityType(customer).entityType(workOrder).entityType(task).entityType(part)
                .container(new EntityContainer(new QualifiedName(NS, "Container"), null, sets, List.of(), List.of(),
                        Annotations.NONE, SourceLocation.UNKNOWN))
                .build();
    }

    private static EntityType type(QualifiedName name, List<String> key, List<Property> properties,
                                   List<NavigationProperty> navigations) {
        return new EntityType(name, null, false, false, false, key.stream().map(k -> new PropertyRef(k, null)).toList(),
                properties, navigations, Annotations.NONE, SourceLocation.UNKNOWN);
    }

    private static Property p(String name, PrimitiveType type, boolean nullable, Integer maxLength, Annotations annotations) {
        Facets facets = maxLength == null ? Facets.NONE : new Facets(maxLength, null, null, false, null, null);
        return new Property(name, new TypeRef(type.qualifiedName(), false), nullable, facets, null, annotations,
                SourceLocation.UNKNOWN);
    }

    private static NavigationProperty nav(String name, QualifiedName target, boolean collection, String partner) {
        return new NavigationProperty(name, target, collection, true, partner, false, List.of(), null, Annotations.NONE,
                SourceLocation.UNKNOWN);
    }

    private static EntitySet set(String name, QualifiedName type, NavigationPropertyBinding... bindings) {
        return new EntitySet(name, type, List.of(bindings), true, Annotations.NONE, SourceLocation.UNKNOWN);
    }
}
