package dev.provably.nautilus.c2pa.jumbf;

import java.util.Optional;
import java.util.UUID;

/**
 * A JUMBF description box ({@code jumd}): the superbox's type UUID, its label and ID when present.
 *
 * @param type the content type UUID of the superbox
 * @param label the label, or empty when the label toggle is clear
 * @param id the ID, when the ID toggle is set
 */
public record Description(UUID type, Optional<String> label, Optional<Integer> id) {}
