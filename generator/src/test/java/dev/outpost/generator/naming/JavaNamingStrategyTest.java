package dev.outpost.generator.naming;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class JavaNamingStrategyTest {

    private final JavaNamingStrategy strategy = new JavaNamingStrategy();

    @ParameterizedTest
    @CsvSource({
            "UserName, USER_NAME",
            "userPrincipalName, USER_PRINCIPAL_NAME",
            "HTTPServer, HTTP_SERVER",
            "LineNo, LINE_NO",
            "to_Item, TO_ITEM",
            "na_me, NA_ME",
            "NAME, NAME",
            "SByte, S_BYTE",
            "Line2Go, LINE2_GO",
            "_id, ID",
            "1st, _1ST",
            "Größe, GRÖSSE"})
    void constantsAreUpperSnakeCase(String odata, String java) {
        assertThat(strategy.constantName(odata)).isEqualTo(java);
    }

    @ParameterizedTest
    @CsvSource({
            "person, Person",
            "directoryObject, DirectoryObject",
            "C_SerialNumber, CSerialNumber",
            "SAP__Messages, SAPMessages",
            "na_me, NaMe",
            "1st, _1st"})
    void typesAreUpperCamelCaseKeepingTheInnerCase(String odata, String java) {
        assertThat(strategy.typeName(odata)).isEqualTo(java);
    }

    @ParameterizedTest
    @CsvSource({
            "UserName, userName, getUserName",
            "URLPath, urlPath, getURLPath",
            "ID, id, getID",
            "to_Item, toItem, getToItem",
            "Class, class, getClass",
            "IPv4, iPv4, getIPv4"})
    void membersStartLowerCaseAndAccessorsPrefixTheTypeStyleName(String odata, String parameter, String getter) {
        assertThat(strategy.parameterName(odata)).isEqualTo(parameter);
        assertThat(strategy.getterName(odata)).isEqualTo(getter);
        assertThat(strategy.setterName(odata)).isEqualTo("s" + getter.substring(1));
    }

    @Test
    void longTypeNamesAreCutWithAStableHash() {
        String name = "A".repeat(300);
        String java = strategy.typeName(name);
        assertThat(java).hasSize(JavaNamingStrategy.MAX_TYPE_NAME).startsWith("AAAA").matches(".*_[0-9a-f]{8}");
        assertThat(strategy.typeName(name)).isEqualTo(java);
        assertThat(strategy.typeName("A".repeat(299) + "B")).isNotEqualTo(java);
        assertThat(strategy.typeName("A".repeat(JavaNamingStrategy.MAX_TYPE_NAME))).isEqualTo("A".repeat(128));
    }

    @Test
    void theMainSchemaGetsTheBasePackageAndOthersSubPackages() {
        assertThat(strategy.packageName("com.x", "microsoft.graph", "microsoft.graph")).isEqualTo("com.x");
        assertThat(strategy.packageName("com.x", "microsoft.graph.callRecords", "microsoft.graph"))
                .isEqualTo("com.x.callrecords");
        assertThat(strategy.packageName("com.x", "microsoft.graph.partners.billing", "microsoft.graph"))
                .isEqualTo("com.x.partners.billing");
        assertThat(strategy.packageName("com.x", "NorthwindModel", "ODataWebExperimental.Northwind.Model"))
                .isEqualTo("com.x.northwindmodel");
        assertThat(strategy.packageName("com.x", "Some.int.Name_Space", "Main")).isEqualTo("com.x.some.int_.namespace");
    }

    @Test
    void serviceClassesAreNamedAfterTheContainerUnlessConfigured() {
        assertThat(strategy.serviceStem(null, "GraphService")).isEqualTo("Graph");
        assertThat(strategy.serviceStem(null, "DefaultContainer")).isEqualTo("DefaultContainer");
        assertThat(strategy.serviceStem(null, "Service")).isEqualTo("Service");
        assertThat(strategy.serviceStem("tripPin", "DefaultContainer")).isEqualTo("TripPin");
        assertThat(strategy.serviceClassName("TripPin")).isEqualTo("TripPinService");
        assertThat(strategy.metadataClassName("TripPin")).isEqualTo("TripPinMetadata");
    }

    @Test
    void serviceMethodsAreNamedAfterTheEntitySet() {
        assertThat(strategy.fetchMethodName("People")).isEqualTo("fetchPeople");
        assertThat(strategy.fetchByKeyMethodName("users")).isEqualTo("fetchUsersByKey");
        assertThat(strategy.createMethodName("People")).isEqualTo("createInPeople");
        assertThat(strategy.updateMethodName("People", false)).isEqualTo("updateInPeople");
        assertThat(strategy.updateMethodName("Me", true)).isEqualTo("updateMe");
        assertThat(strategy.deleteMethodName("People")).isEqualTo("deleteFromPeople");
        assertThat(strategy.linkMethodName("createLink", "People")).isEqualTo("createLinkInPeople");
        assertThat(strategy.operationMethodName("GetNearestAirport")).isEqualTo("getNearestAirport");
        assertThat(strategy.collectionOperationMethodName("delta", "user")).isEqualTo("deltaOnUserCollection");
    }

    @Test
    void theMetadataResourceLivesUnderTheBasePackage() {
        assertThat(strategy.metadataResource("com.example.trippin")).isEqualTo("META-INF/outpost/com/example/trippin/metadata.xml");
    }

    @Test
    void javaNamesKnowTheReservedWords() {
        assertThat(JavaNames.isReserved("class")).isTrue();
        assertThat(JavaNames.isReserved("record")).isTrue();
        assertThat(JavaNames.isReserved("_")).isTrue();
        assertThat(JavaNames.isReserved("Class")).isFalse();
        assertThat(JavaNames.isIdentifier("größe")).isTrue();
        assertThat(JavaNames.isIdentifier("a-b")).isFalse();
        assertThat(JavaNames.isIdentifier("a$b")).isFalse();
        assertThat(JavaNames.isIdentifier("1a")).isFalse();
    }
}
