package dev.provably.nautilus.enclave.analysis;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngMetadataReader;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.lang.KeyValuePair;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import dev.provably.nautilus.report.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads what generators and cameras write into files: the IPTC digital source type and creator tool
 * in XMP, EXIF make/model/software, the PNG text chunks image generators write, and whether a C2PA
 * manifest store is embedded. Declarations only: none of this metadata is signed, so the labels say
 * "declared", and the verdict policy words its verdicts the same way.
 *
 * <p>Labels: {@code ai-declared}, {@code capture-declared}, {@code no-provenance},
 * {@code unsupported} (not JPEG, PNG or WebP), {@code unreadable} (the parser refused the file).
 */
public final class ProvenanceAnalyzer implements Analyzer {
    static final String IPTC_EXT = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    static final String XMP_BASIC = "http://ns.adobe.com/xap/1.0/";
    static final String DST_PREFIX = "http://cv.iptc.org/newscodes/digitalsourcetype/";
    static final Set<String> AI_SOURCE_TYPES =
            Set.of("trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia");
    static final Set<String> CAPTURE_SOURCE_TYPES = Set.of("digitalCapture");
    /** PNG text keys: Stable Diffusion web UI ({@code parameters}), ComfyUI ({@code prompt}, {@code workflow}). */
    static final Set<String> GENERATOR_PNG_KEYS = Set.of("parameters", "prompt", "workflow");

    /** The rules this analyzer applies, in words; its identity is the SHA-256 of this text. */
    static final String RULES = """
            provenance/1
            formats: image/jpeg image/png image/webp (others: label unsupported, no findings)
            parser: com.drewnoakes:metadata-extractor (failure: label unreadable)
            ai-declared when XMP Iptc4xmpExt:DigitalSourceType ends in trainedAlgorithmicMedia or compositeWithTrainedAlgorithmicMedia
            ai-declared when a PNG text chunk is keyed parameters, prompt or workflow
            capture-declared when not ai-declared and (XMP DigitalSourceType ends in digitalCapture or EXIF IFD0 has both Make and Model)
            otherwise no-provenance
            findings: xmp.DigitalSourceType xmp.CreatorTool exif.Make exif.Model exif.Software png.text.<key> c2pa.manifestStore
            c2pa.manifestStore = present when JPEG APP11 JUMBF labelled c2pa, PNG caBX or WebP C2PA chunk; presence only (the c2pa analyzer validates)
            """;

    private final byte[] identity = Sha256.of(RULES.getBytes(StandardCharsets.UTF_8));

    @Override
    public String name() {
        return "provenance";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public byte[] identity() {
        return identity.clone();
    }

    @Override
    public AnalyzerResult analyze(byte[] media, DetectedType type) {
        if (type != DetectedType.JPEG && type != DetectedType.PNG && type != DetectedType.WEBP) {
            return new AnalyzerResult(OptionalInt.empty(), "unsupported", List.of());
        }
        List<Finding> findings = new ArrayList<>();
        boolean c2pa = ManifestStores.present(media, type);
        Metadata metadata;
        try {
            metadata = read(media, type);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            // The parser's own refusal of a corrupt file; it says nothing about provenance.
            findings.add(Finding.bounded("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
            if (c2pa) {
                findings.add(Finding.bounded("c2pa.manifestStore", "present (the c2pa analyzer validates it)"));
            }
            return new AnalyzerResult(OptionalInt.empty(), "unreadable", findings);
        }

        boolean aiDeclared = false;
        boolean captureDeclared = false;
        for (XmpDirectory xmp : metadata.getDirectoriesOfType(XmpDirectory.class)) {
            XMPMeta meta = xmp.getXMPMeta();
            String sourceType = property(meta, IPTC_EXT, "Iptc4xmpExt:DigitalSourceType");
            if (sourceType != null) {
                findings.add(Finding.bounded("xmp.DigitalSourceType", sourceType));
                String code = sourceTypeCode(sourceType);
                aiDeclared |= AI_SOURCE_TYPES.contains(code);
                captureDeclared |= CAPTURE_SOURCE_TYPES.contains(code);
            }
            String creatorTool = property(meta, XMP_BASIC, "xmp:CreatorTool");
            if (creatorTool != null) {
                findings.add(Finding.bounded("xmp.CreatorTool", creatorTool));
            }
        }
        ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (exif != null) {
            String make = exif.getString(ExifIFD0Directory.TAG_MAKE);
            String model = exif.getString(ExifIFD0Directory.TAG_MODEL);
            String software = exif.getString(ExifIFD0Directory.TAG_SOFTWARE);
            addIfPresent(findings, "exif.Make", make);
            addIfPresent(findings, "exif.Model", model);
            addIfPresent(findings, "exif.Software", software);
            captureDeclared |= !blank(make) && !blank(model);
        }
        for (PngDirectory png : metadata.getDirectoriesOfType(PngDirectory.class)) {
            if (png.getObject(PngDirectory.TAG_TEXTUAL_DATA) instanceof List<?> pairs) {
                for (Object pair : pairs) {
                    if (pair instanceof KeyValuePair kv
                            && GENERATOR_PNG_KEYS.contains(kv.getKey().toLowerCase(Locale.ROOT))) {
                        findings.add(Finding.bounded(
                                "png.text." + kv.getKey().toLowerCase(Locale.ROOT),
                                kv.getValue().toString()));
                        aiDeclared = true;
                    }
                }
            }
        }
        if (c2pa) {
            findings.add(Finding.bounded("c2pa.manifestStore", "present (the c2pa analyzer validates it)"));
        }
        String label = aiDeclared ? "ai-declared" : captureDeclared ? "capture-declared" : "no-provenance";
        return new AnalyzerResult(OptionalInt.empty(), label, findings);
    }

    /** The IPTC digital source type's code: {@code trainedAlgorithmicMedia} from its full URI (or as given). */
    static String sourceTypeCode(String sourceType) {
        return sourceType.startsWith(DST_PREFIX) ? sourceType.substring(DST_PREFIX.length()) : sourceType;
    }

    private static Metadata read(byte[] media, DetectedType type) throws ImageProcessingException, IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(media);
        return switch (type) {
            case JPEG -> JpegMetadataReader.readMetadata(in);
            case PNG -> PngMetadataReader.readMetadata(BoundedPng.withoutCompressedText(media));
            case WEBP -> WebpMetadataReader.readMetadata(in);
            default -> throw new IllegalArgumentException("not a metadata format: " + type);
        };
    }

    private static String property(XMPMeta meta, String namespace, String name) {
        if (meta == null) {
            return null;
        }
        try {
            return meta.getPropertyString(namespace, name.substring(name.indexOf(':') + 1));
        } catch (XMPException e) {
            return null; // not a simple property (e.g. an array): not a declaration we read
        }
    }

    private static void addIfPresent(List<Finding> findings, String key, String value) {
        if (!blank(value)) {
            findings.add(Finding.bounded(key, value));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static Iterable<Directory> directories(Metadata metadata) {
        return metadata.getDirectories();
    }
}
