package dev.provably.nautilus.c2pa.jumbf;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A JUMBF superbox ({@code jumb}): its description and its children in order.
 *
 * @param description the description box
 * @param children the boxes after the description box
 * @param source the bytes the box was read from
 * @param start offset of the superbox header in {@code source}
 * @param contentStart offset of the first byte after the superbox header (the description box)
 * @param end offset just past the superbox
 */
public record SuperBox(
        Description description, List<JumbfBox> children, byte[] source, int start, int contentStart, int end)
        implements JumbfBox {
    public SuperBox {
        children = List.copyOf(children);
    }

    public Optional<String> label() {
        return description.label();
    }

    public UUID type() {
        return description.type();
    }

    /** The nested superboxes, in order. */
    public List<SuperBox> superBoxes() {
        return children.stream()
                .filter(SuperBox.class::isInstance)
                .map(SuperBox.class::cast)
                .toList();
    }

    /** The first child superbox with this label. */
    public Optional<SuperBox> child(String label) {
        return superBoxes().stream()
                .filter(b -> b.label().filter(label::equals).isPresent())
                .findFirst();
    }

    /** The first child superbox of this type. */
    public Optional<SuperBox> childOfType(UUID type) {
        return superBoxes().stream().filter(b -> b.type().equals(type)).findFirst();
    }

    /** The first content box, if any (a C2PA assertion, claim or signature holds exactly one that matters). */
    public Optional<ContentBox> firstContent() {
        return children.stream()
                .filter(ContentBox.class::isInstance)
                .map(ContentBox.class::cast)
                .findFirst();
    }
}
