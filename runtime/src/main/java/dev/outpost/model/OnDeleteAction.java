package dev.outpost.model;

/** What the service does to related entities when an entity is deleted ({@code OnDelete}). */
public enum OnDeleteAction {
    CASCADE, NONE, SET_NULL, SET_DEFAULT
}
