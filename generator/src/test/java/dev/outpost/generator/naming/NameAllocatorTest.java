package dev.outpost.generator.naming;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NameAllocatorTest {

    @Test
    void theFirstToAskKeepsTheNameAndLaterOnesGetNumbers() {
        NameAllocator scope = NameAllocator.caseSensitive(JavaNames::isReserved);
        assertThat(scope.newName("NAME")).isEqualTo("NAME");
        assertThat(scope.newName("NAME")).isEqualTo("NAME_2");
        assertThat(scope.newName("NAME")).isEqualTo("NAME_3");
        assertThat(scope.newName("Name")).isEqualTo("Name");
    }

    @Test
    void reservedWordsAreEscapedWithAnUnderscore() {
        NameAllocator scope = NameAllocator.caseSensitive(n -> JavaNames.isReserved(n) || n.equals("getClass"));
        assertThat(scope.newName("class")).isEqualTo("class_");
        assertThat(scope.newName("getClass")).isEqualTo("getClass_");
        assertThat(scope.newName("getClass")).isEqualTo("getClass_2");
        assertThat(scope.newName("_")).isEqualTo("__");
    }

    @Test
    void aGroupKeepsOneSuffixForAllItsNames() {
        NameAllocator scope = NameAllocator.caseSensitive(n -> n.equals("getClass"));
        scope.reserve("TYPE");
        assertThat(scope.newNames(List.of("TYPE", "getType", "setType"))).containsExactly("TYPE_2", "getType_2", "setType_2");
        assertThat(scope.newNames(List.of("CLASS", "getClass", "setClass"))).containsExactly("CLASS_", "getClass_", "setClass_");
        assertThat(scope.newNames(List.of("NAME", "getName", "setName"))).containsExactly("NAME", "getName", "setName");
        assertThat(scope.newNames(List.of("NAME", "getNAME", "setNAME"))).containsExactly("NAME_2", "getNAME_2", "setNAME_2");
    }

    @Test
    void aGroupWhoseNamesAreTheSameNameIsRefused() {
        NameAllocator scope = NameAllocator.caseInsensitive(n -> false);
        assertThatThrownBy(() -> scope.newNames(List.of("Order", "order")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    }

    @Test
    void aCaseInsensitiveScopeSeparatesNamesThatDifferOnlyByCase() {
        NameAllocator scope = NameAllocator.caseInsensitive(JavaNames::isReserved);
        assertThat(scope.newName("Order")).isEqualTo("Order");
        assertThat(scope.newName("order")).isEqualTo("order_2");
        assertThat(scope.newName("ORDER")).isEqualTo("ORDER_3");
        assertThat(scope.isFree("oRdEr")).isFalse();
    }

    @Test
    void overloadsShareANameOnlyWithDifferentSignatures() {
        NameAllocator scope = NameAllocator.caseSensitive(n -> n.equals("fetch"));
        scope.reserve("fetchPeople");
        assertThat(scope.newOverload("ship", "com.x.Order,java.lang.String")).isEqualTo("ship");
        assertThat(scope.newOverload("ship", "com.x.Customer,java.lang.String")).isEqualTo("ship");
        assertThat(scope.newOverload("ship", "com.x.Order,java.lang.String")).isEqualTo("ship_2");
        assertThat(scope.newOverload("fetchPeople", "")).isEqualTo("fetchPeople_2");
        assertThat(scope.newOverload("fetch", "")).isEqualTo("fetch_");
        assertThat(scope.newName("ship")).isEqualTo("ship_3");
    }

    @Test
    void aCopyStartsWithTheNamesTakenSoFarAndThenGoesItsOwnWay() {
        NameAllocator base = NameAllocator.caseSensitive(n -> false);
        base.newName("NAME");
        NameAllocator derived = base.copy();
        assertThat(derived.newName("NAME")).isEqualTo("NAME_2");
        assertThat(base.newName("CITY")).isEqualTo("CITY");
        assertThat(derived.isFree("CITY")).isTrue();
        assertThat(Set.of(derived.newName("CITY"))).containsExactly("CITY");
    }
}
