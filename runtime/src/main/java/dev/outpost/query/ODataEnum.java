package dev.outpost.query;

import dev.outpost.model.QualifiedName;

/** Implemented by generated Java enums: ties each constant to its OData enum type and member. */
public interface ODataEnum {

    /** The OData enum type, for example {@code FieldService.WorkOrderStatus}. */
    QualifiedName odataType();

    /** The member name as written in CSDL, for example {@code InProgress}. */
    String odataName();

    /** The member's numeric value. */
    long odataValue();
}
