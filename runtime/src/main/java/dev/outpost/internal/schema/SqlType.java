package dev.outpost.internal.schema;

/** The SQLite storage classes Outpost declares columns with. */
public enum SqlType {
    INTEGER, REAL, TEXT, BLOB
}
