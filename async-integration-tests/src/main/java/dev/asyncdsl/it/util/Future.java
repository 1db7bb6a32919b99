package dev.asyncdsl.it.util;

/** A user class named Future, which is no java.util.concurrent.Future. */
public record Future(String name) {}
