package dev.provably.nautilus.sui;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One pure argument of a Move call.
 *
 * @param name the Move parameter name
 * @param moveType the Move type, e.g. {@code vector<u8>}, {@code u64}, {@code 0x1::string::String}
 * @param value the value as text: decimal for integers, {@code 0x}-prefixed hex for {@code
 *     vector<u8>}, the string itself for {@code String}
 * @param bcs the argument's BCS bytes, exactly what a transaction carries as its pure input (copied)
 */
public record MoveArgument(String name, String moveType, String value, byte[] bcs) {
    public MoveArgument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(moveType, "moveType");
        Objects.requireNonNull(value, "value");
        bcs = Objects.requireNonNull(bcs, "bcs").clone();
    }

    @Override
    public byte[] bcs() {
        return bcs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MoveArgument other
                && name.equals(other.name)
                && moveType.equals(other.moveType)
                && value.equals(other.value)
                && Arrays.equals(bcs, other.bcs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, moveType, value, Arrays.hashCode(bcs));
    }

    @Override
    public String toString() {
        return name + ": " + moveType + " = " + value + " (bcs "
                + HexFormat.of().formatHex(bcs) + ")";
    }
}
