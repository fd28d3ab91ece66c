package dev.provably.nautilus.report;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the enclave measured and computed about one medium, and nothing the caller chose
 * except an opaque {@code callerReference} for correlation. The media type is the one the enclave
 * detected from the bytes; the caller's declared {@code Content-Type} appears only when it differs,
 * and under its own name.
 *
 * @param mediaSha256 SHA-256 of the media bytes, exactly 32 bytes (copied in and out)
 * @param mediaLength length of the media in bytes, at least 1 (BCS {@code u64})
 * @param detectedType the type detected from the bytes, {@code type/subtype} (RFC 6838 restricted
 *     names, at most 255 bytes); {@code application/octet-stream} when unrecognised
 * @param declaredType the caller's declared type, present only when it differs from {@code detectedType}
 * @param analyzers every analyzer the image ran, 1..{@value #MAX_ANALYZERS}, names unique, in run order
 * @param findings the findings that carried the verdict, at most {@value #MAX_FINDINGS}
 * @param verdict the policy's verdict
 * @param policyRule the policy rule that decided, {@code [a-z][a-z0-9-]{0,31}}
 * @param policyIdentity SHA-256 of the verdict policy's rules, 32 bytes (copied in and out)
 * @param callerReference the caller's opaque reference, 1..{@value #MAX_REFERENCE_BYTES} of {@code
 *     [A-Za-z0-9._:-]}, if it sent one; the enclave attaches no meaning to it
 */
public record MediaReport(
        byte[] mediaSha256,
        long mediaLength,
        String detectedType,
        Optional<String> declaredType,
        List<AnalyzerReport> analyzers,
        List<Finding> findings,
        Verdict verdict,
        String policyRule,
        byte[] policyIdentity,
        Optional<String> callerReference) {
    /** Length of {@code mediaSha256} and of every identity. */
    public static final int SHA256_LENGTH = 32;

    /** Longest media type, in bytes. */
    public static final int MAX_MEDIA_TYPE_BYTES = 255;

    /** Most analyzers in one report. */
    public static final int MAX_ANALYZERS = 8;

    /** Most deciding findings in one report. */
    public static final int MAX_FINDINGS = 16;

    /** Longest caller reference. */
    public static final int MAX_REFERENCE_BYTES = 64;

    // RFC 6838 section 4.2: restricted-name = first char alphanumeric, then up to 126 of these.
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_REFERENCE_BYTES + "}");

    public MediaReport {
        mediaSha256 = sha256(mediaSha256, "mediaSha256");
        if (mediaLength < 1) {
            // Also refuses u64 values above 2^63 - 1, which a Java long reads as negative.
            throw new IllegalArgumentException("mediaLength must be at least 1, got " + mediaLength);
        }
        mediaType(detectedType, "detectedType");
        if (declaredType == null) {
            throw new IllegalArgumentException("declaredType must not be null (use Optional.empty())");
        }
        declaredType.ifPresent(t -> mediaType(t, "declaredType"));
        if (declaredType.isPresent() && declaredType.get().equals(detectedType)) {
            throw new IllegalArgumentException("declaredType is carried only when it differs from detectedType");
        }
        if (analyzers == null || analyzers.isEmpty() || analyzers.size() > MAX_ANALYZERS) {
            throw new IllegalArgumentException("a report names 1.." + MAX_ANALYZERS + " analyzers");
        }
        analyzers = List.copyOf(analyzers);
        if (analyzers.stream().map(AnalyzerReport::name).distinct().count() != analyzers.size()) {
            throw new IllegalArgumentException("analyzer names must be unique");
        }
        if (findings == null || findings.size() > MAX_FINDINGS) {
            throw new IllegalArgumentException("a report carries at most " + MAX_FINDINGS + " findings");
        }
        findings = List.copyOf(findings);
        if (verdict == null) {
            throw new IllegalArgumentException("verdict must not be null");
        }
        AnalyzerReport.word(policyRule, "policyRule");
        policyIdentity = sha256(policyIdentity, "policyIdentity");
        if (callerReference == null) {
            throw new IllegalArgumentException("callerReference must not be null (use Optional.empty())");
        }
        if (callerReference.isPresent()
                && !REFERENCE.matcher(callerReference.get()).matches()) {
            throw new IllegalArgumentException("callerReference must be 1.." + MAX_REFERENCE_BYTES
                    + " of [A-Za-z0-9._:-], got \"" + printable(callerReference.get()) + "\"");
        }
    }

    /** Whether {@code s} is a media type this report can carry ({@code type/subtype}, RFC 6838 names). */
    public static boolean isMediaType(String s) {
        return s != null && MEDIA_TYPE.matcher(s).matches();
    }

    /** Whether {@code s} is a caller reference this report can carry. */
    public static boolean isCallerReference(String s) {
        return s != null && REFERENCE.matcher(s).matches();
    }

    /** A copy of the media's SHA-256. */
    @Override
    public byte[] mediaSha256() {
        return mediaSha256.clone();
    }

    /** A copy of the policy's identity. */
    @Override
    public byte[] policyIdentity() {
        return policyIdentity.clone();
    }

    /** The analyzer with this name, if the report names it. */
    public Optional<AnalyzerReport> analyzer(String name) {
        return analyzers.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    private static byte[] sha256(byte[] value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (value.length != SHA256_LENGTH) {
            throw new IllegalArgumentException(field + " must be " + SHA256_LENGTH + " bytes, got " + value.length);
        }
        return value.clone();
    }

    private static void mediaType(String type, String field) {
        if (type == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (!MEDIA_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException(field
                    + " must be type/subtype in RFC 6838 restricted-name characters, got \"" + printable(type) + "\"");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaReport other
                && Arrays.equals(mediaSha256, other.mediaSha256)
                && mediaLength == other.mediaLength
                && detectedType.equals(other.detectedType)
                && declaredType.equals(other.declaredType)
                && analyzers.equals(other.analyzers)
                && findings.equals(other.findings)
                && verdict == other.verdict
                && policyRule.equals(other.policyRule)
                && Arrays.equals(policyIdentity, other.policyIdentity)
                && callerReference.equals(other.callerReference);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                Arrays.hashCode(mediaSha256),
                mediaLength,
                detectedType,
                declaredType,
                analyzers,
                findings,
                verdict,
                policyRule,
                Arrays.hashCode(policyIdentity),
                callerReference);
    }

    @Override
    public String toString() {
        return "MediaReport[mediaSha256=" + HexFormat.of().formatHex(mediaSha256) + ", mediaLength=" + mediaLength
                + ", detectedType=" + detectedType + ", declaredType=" + declaredType + ", analyzers=" + analyzers
                + ", findings=" + findings + ", verdict=" + verdict + ", policyRule=" + policyRule
                + ", policyIdentity=" + HexFormat.of().formatHex(policyIdentity)
                + ", callerReference=" + callerReference + "]";
    }

    private static String printable(String s) {
        String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return shown.codePoints()
                .collect(
                        StringBuilder::new,
                        (b, cp) -> {
                            if (cp < 0x20 || cp == 0x7f || cp == '"' || cp == '\\') {
                                b.append(String.format("\\u%04x", cp));
                            } else {
                                b.appendCodePoint(cp);
                            }
                        },
                        StringBuilder::append)
                .toString();
    }
}
