package dev.provably.nautilus.cli;

import dev.provably.nautilus.attestation.ExpectedPcrs;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --pcr INDEX=HEX} value: a PCR index and the bytes it must hold, both checked by the
 * one PCR rule, {@link ExpectedPcrs} (index 0..31; 32, 48 or 64 bytes).
 */
record Pcr(int index, byte[] value) {

    Pcr {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Reads {@code INDEX=HEX}. */
    static final class Converter implements ITypeConverter<Pcr> {
        @Override
        public Pcr convert(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new TypeConversionException("wants INDEX=HEX (e.g. 0=abcd...), got '" + text + "'");
            }
            String indexText = text.substring(0, eq);
            if (indexText.length() > 2
                    || !indexText.chars().allMatch(c -> c >= '0' && c <= '9')
                    || !ExpectedPcrs.isValidIndex(Integer.parseInt(indexText))) {
                throw new TypeConversionException(
                        "index must be 0.." + ExpectedPcrs.MAX_INDEX + ", got '" + indexText + "'");
            }
            int index = Integer.parseInt(indexText);
            byte[] bytes;
            try {
                bytes = Converters.Hex.bytes(text.substring(eq + 1));
            } catch (TypeConversionException e) {
                throw new TypeConversionException("PCR " + index + " " + e.getMessage());
            }
            if (!ExpectedPcrs.isValidLength(bytes.length)) {
                throw new TypeConversionException("PCR " + index + " must be 32, 48 or 64 bytes, got " + bytes.length);
            }
            return new Pcr(index, bytes);
        }
    }
}
