package dev.outpost;

import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import dev.outpost.testing.StoreFingerprint;
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
 * {@link PayloadFuzzTest}, {@code MetadataFuzzTest}) found, kept so that it stays fixed whatever the seeds find next.
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
    /** A lone surrogate was stored as '?': the value silently changed. */
    @Test
    void textThatIsNotUnicodeIsRefusedInsteadOfStoredAsQuestionMarks() {
        String before = StoreFingerprint.of(f.store.file());
        EntityValue wo = FieldService.workOrder("half an emoji \uD83D");
        assertThatThrownBy(() -> f.service.createEntity(wo)).isInstanceOf(DataRequestException.class)
                .hasMessage("WorkOrders/Title: the text has a lone UTF-16 surrogate (\\uD83D) at index 14, which is not a"
                        + " Unicode character and cannot be stored; check how the text was decoded");
        assertThat(StoreFingerprint.of(f.store.file())).isEqualTo(before);
        assertThat(wo.readLink()).isNull();
        EntityValue whole = FieldService.workOrder("a whole emoji 😀");
        f.service.createEntity(whole);
        assertThat(f.service.loadEntity(whole.readLink()).getValue("Title")).isEqualTo("a whole emoji 😀");
    }

    /** {@code [] } and {@code {}} were read as the empty member name, which was stored as the member with value 0. */
    @Test
    void anEnumValueMustBeAMemberName() {
        ServiceModel model = f.store.model();
        assertThatThrownBy(() -> ODataJson.read(model, "WorkOrders", "{\"Title\":\"t\",\"Status\":[]}", f.service::loadEntity))
                .isInstanceOf(DataRequestException.class)
                .hasMessage("WorkOrders/Status: a value of enum FieldService.WorkOrderStatus is a member name (a JSON string),"
                        + " not []");
        assertThatThrownBy(() -> f.service.createEntity(FieldService.workOrder("t").setValue("Status", "")))
                .isInstanceOf(DataRequestException.class)
                .hasMessageStartingWith("WorkOrders/Status: '' is not a member of FieldService.WorkOrderStatus");
        assertThat(f.query("WorkOrders")).hasSize(4);
    }

    /** These were IllegalArgumentException and ClassCastException from {@link ODataJson}. */
    @Test
    void malformedJsonEntitiesAreBadRequests() {
        ServiceModel model = f.store.model();
        assertThatThrownBy(() -> ODataJson.read(model, "WorkOrders", "{\"@odata.type\":{}}", f.service::loadEntity))
                .isInstanceOf(DataRequestException.class)
                .hasMessage("WorkOrders/@odata.type: {} is not a qualified type name; write \"#Namespace.Type\"");
        assertThatThrownBy(() -> ODataJson.read(model, "WorkOrders", "{\"@odata.type\":\"#FieldService.Nope\"}",
                f.service::loadEntity)).hasMessage("WorkOrders/@odata.type: the service has no entity type FieldService.Nope");
        assertThatThrownBy(() -> ODataJson.read(model, "WorkOrders", "{\"Tasks\":[\"x\",1]}", f.service::loadEntity))
                .isInstanceOf(DataRequestException.class).hasMessage("WorkOrders/Tasks: expected an entity object, not \"x\"");
        assertThatThrownBy(() -> ODataJson.read(model, "WorkOrders", "{\"Customer\":[]}", f.service::loadEntity))
                .isInstanceOf(DataRequestException.class)
                .hasMessage("WorkOrders/Customer: the navigation property takes an entity object, not []");
        assertThatThrownBy(() -> ODataJson.read(model, "WorkOrders", "{\"SiteAddress\":{\"@odata.type\":\"#x\"}}",
                f.service::loadEntity)).isInstanceOf(DataRequestException.class)
                .hasMessage("WorkOrders/SiteAddress: @odata.type '#x' is not a qualified type name");
        EntityValue deep = ODataJson.read(model, "WorkOrders", "{\"Title\":\"t\",\"Tasks\":[{\"LineNo\":1,"
                + "\"Description\":\"d\"}],\"Customer\":null}", f.service::loadEntity);
        assertThat(deep.getRelatedList("Tasks")).extracting(t -> t.getValue("LineNo")).containsExactly(1);
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
