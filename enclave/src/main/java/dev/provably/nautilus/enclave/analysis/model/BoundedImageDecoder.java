package dev.provably.nautilus.enclave.analysis.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image with ImageIO into a small square RGB raster, within bounds: the declared
 * dimensions are read from the header first and anything over {@code maxPixels} is refused before
 * a pixel is decoded (a PNG header can claim 100,000 x 100,000 pixels in a few bytes), and large
 * images are decoded subsampled, so memory stays near the target size, not the source size.
 * In memory only: no ImageIO disk cache.
 */
public final class BoundedImageDecoder {
    /** Why an image was not decoded. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final String label;

        Rejected(String label, String message) {
            super(message);
            this.label = label;
        }

        /** {@code unsupported}, {@code too-large} or {@code unreadable}. */
        public String label() {
            return label;
        }
    }

    /** A decoded raster and the source's declared size. */
    public record Decoded(BufferedImage image, int sourceWidth, int sourceHeight) {}

    private final long maxPixels;

    public BoundedImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
        this.maxPixels = maxPixels;
    }

    /** {@code media} as a {@code size} x {@code size} RGB image (bilinear resize, aspect not kept). */
    public Decoded decode(byte[] media, int size) throws Rejected {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(media))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Rejected("unsupported", "no image decoder for these bytes");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || (long) width * height > maxPixels) {
                    throw new Rejected(
                            "too-large",
                            "declared " + width + " x " + height + " pixels, more than the " + maxPixels
                                    + " this analyzer decodes");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                // Keep at least 4 source pixels per target pixel for the resize, and no more.
                int step = Math.max(1, Math.min(width, height) / (4 * size));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage source = reader.read(0, param);
                return new Decoded(resize(source, size), width, height);
            } finally {
                reader.dispose();
            }
        } catch (Rejected e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Rejected("unreadable", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static BufferedImage resize(BufferedImage source, int size) {
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
