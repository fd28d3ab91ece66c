package dev.provably.nautilus.c2pa.jumbf;

/** A child of a JUMBF superbox: either a nested {@link SuperBox} or a leaf {@link ContentBox}. */
public sealed interface JumbfBox permits SuperBox, ContentBox {}
