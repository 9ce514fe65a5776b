package dev.outpost;

import dev.outpost.model.Operation;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.CollectionProperty;
import dev.outpost.query.DataQuery;
import dev.outpost.query.DecimalProperty;
import dev.outpost.spi.Change;
import dev.outpost.spi.DataProvider;
import dev.outpost.spi.ValueFactory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** G3: the typed results of functions and actions that generated services return. */
class OperationResultsTest {

    private static final QualifiedName TOTAL = new QualifiedName("Test", "Total");

    /** A provider whose every operation answers {@code result}. */
    private static DataService answering(Object result) {
        return new DataService(new DataProvider() {
            @Override
            public ServiceModel model() {
                throw new UnsupportedOperationException();
            }

            @Override
            public QueryResult<EntityValue> executeQuery(DataQuery query, ValueFactory factory) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void apply(List<Change> changes, boolean changeSet) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void undoPendingChanges(String readLink) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object callOperation(Operation.Kind kind, QualifiedName operation, String binding,
                                        Map<String, Object> parameters, ValueFactory factory) {
                return result;
            }
        });
    }

    @Test
    void aValueResultIsConvertedByTheDescriptorOfItsType() {
        BigDecimal total = answering(new BigDecimal("1.50")).callFunction(TOTAL, null, Map.of(), DecimalProperty.of("Total"));
        assertThat(total).isEqualByComparingTo("1.50");
        List<String> tags = answering(List.of("a", "b")).callAction(TOTAL, null, Map.of(), CollectionProperty.ofStrings("Tags"));
        assertThat(tags).containsExactly("a", "b");
        assertThat(answering(null).callFunction(TOTAL, null, Map.of(), DecimalProperty.of("Total"))).isNull();
    }

    @Test
    void aResultOfAnotherTypeFailsNamingWhatItIs() {
        assertThatThrownBy(() -> answering("1.50").callFunction(TOTAL, null, Map.of(), DecimalProperty.of("Total")))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("property 'Total' holds a String, not a BigDecimal");
    }

    static final class Order extends EntityValue {
        Order() {
            super(new QualifiedName("Test", "Order"));
        }
    }

    @Test
    void aCollectionOfEntitiesIsAListOfTheGeneratedClass() {
        Order a = new Order();
        Order b = new Order();
        List<Order> orders = answering(List.of(a, b)).callFunctionForEntities(TOTAL, null, Map.of(), Order.class);
        assertThat(orders).containsExactly(a, b);
        assertThat(answering(List.of()).callActionForEntities(TOTAL, null, Map.of(), Order.class)).isEmpty();
    }

    @Test
    void aCollectionWithAnEntityOfAnotherClassFails() {
        EntityValue dynamic = new EntityValue(new QualifiedName("Test", "Order"));
        assertThatThrownBy(() -> answering(List.of(new Order(), dynamic)).callFunctionForEntities(TOTAL, null, Map.of(), Order.class))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("Test.Total returned a collection with an element of class EntityValue, not Order");
        assertThatThrownBy(() -> answering(new Order()).callFunctionForEntities(TOTAL, null, Map.of(), Order.class))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("Test.Total returned a value of class Order, not a collection of entities");
    }
}
