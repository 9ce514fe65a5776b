package dev.outpost;

import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * R3: each test is the smallest form of a failure the fuzz suites ({@link QueryFuzzTest},
 * {@code MetadataFuzzTest}) found, kept so that it stays fixed whatever the seeds find next.
 */
class BadInputFindingsTest {

    @TempDir
    Path dir;
    private StoreFixture f;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
        f.serverHas("WorkOrders",
                "{\"Id\":1,\"Title\":\"new\",\"Status\":\"New\"}",
                "{\"Id\":2,\"Title\":\"scheduled\",\"Status\":\"Scheduled\"}",
                "{\"Id\":3,\"Title\":\"in progress\",\"Status\":\"InProgress\"}",
                "{\"Id\":4,\"Title\":\"done\",\"Status\":\"Done\"}");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private List<Object> titles(String url) {
        return f.query(url).stream().map(e -> e.getValue("Title")).toList();
    }

    /** {@code has} rendered unbalanced parentheses: every use was an SQL syntax error (a StoreException). */
    @Test
    void hasTestsTheMembersBits() {
        // Scheduled = 1, InProgress = 2, Done = 3: the members whose value has bit 1 set
        assertThat(titles("WorkOrders?$filter=Status has FieldService.WorkOrderStatus'Scheduled'&$orderby=Id"))
                .containsExactly("scheduled", "done");
        assertThat(titles("WorkOrders?$filter=not (Status has FieldService.WorkOrderStatus'InProgress')&$orderby=Id"))
                .containsExactly("new", "scheduled");
    }

    /** Type names without a name after the dot were IllegalArgumentExceptions from the parser. */
    @Test
    void unqualifiedTypeNamesAreBadRequestsWithAPosition() {
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=Status has FieldService.'Done'"))
                .isInstanceOf(DataRequestException.class)
                .hasMessage("$filter: 'FieldService.' is not a qualified type name (Namespace.Name) at position 12"
                        + " in 'Status has FieldService.'Done''");
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=isof(Title,Edm.)")).isInstanceOf(DataRequestException.class)
                .hasMessageContaining("'Edm.' is not a qualified type name");
        assertThatThrownBy(() -> f.query("WorkOrders/FieldService.")).isInstanceOf(DataRequestException.class)
                .hasMessage("'WorkOrders/FieldService.': 'FieldService.' is not a qualified type name (Namespace.Name)");
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=Status eq Field.Nope'Done'"))
                .isInstanceOf(DataRequestException.class)
                .hasMessage("'Field.Nope'Done'' names an enum type the service does not have: Field.Nope");
    }

    /** Deep nesting overflowed the parser's stack; long operator chains overflowed the SQL renderer's. */
    @Test
    void deepNestingAndLongOperatorChainsAreBadRequests() {
        String nested = "(".repeat(99) + "Id gt 2" + ")".repeat(99);
        assertThat(titles("WorkOrders?$filter=" + nested)).hasSize(2);
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=" + "(".repeat(100) + "Priority eq 3" + ")".repeat(100)))
                .isInstanceOf(DataRequestException.class)
                .hasMessageContaining("the expression nests more than 100 levels deep at position 101");
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=" + "not ".repeat(5000) + "true"))
                .isInstanceOf(DataRequestException.class).hasMessageContaining("nests more than 100 levels");

        String chain = "Id eq 0" + " or Id eq 4".repeat(199);    // 399 operators: within the bound, and SQLite runs it
        assertThat(titles("WorkOrders?$filter=" + chain)).containsExactly("done");
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=Priority" + " add 1".repeat(401) + " gt 0"))
                .isInstanceOf(DataRequestException.class)
                .hasMessageContaining("the expression has more than 400 operators; for a long list of alternatives use"
                        + " 'in (...)'");
        assertThat(f.service.executeQuery(DataQuery.parse("WorkOrders?$filter=Id" + " add 1".repeat(399)
                + " gt 399")).entities()).hasSize(4);
    }
    /** A model without an entity container failed with IllegalArgumentException when a store was opened for it. */
    @Test
    void aModelWithoutAContainerCannotOpenAStore() {
        ServiceModel noContainer = ServiceModel.read(MetadataSource.bytes("types-only.xml", ("<edmx:Edmx Version=\"4.0\""
                + " xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices><Schema Namespace=\"Ex\""
                + " xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"><ComplexType Name=\"C\"/></Schema></edmx:DataServices>"
                + "</edmx:Edmx>").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> OfflineStore.open(StoreOptions.of(dir.resolve("other.db"), noContainer)))
                .isInstanceOf(StoreException.class)
                .hasMessage("the $metadata of types-only.xml declares no entity container, so there is nothing to store;"
                        + " use the service's complete $metadata document");
    }
}
