package dev.provably.nautilus.issuer;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text for certificates and PKCS#8 keys (RFC 7468). */
public final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private Pem() {}

    /**
     * One PEM block, base64 in 64-character lines.
     *
     * @param type the label, e.g. CERTIFICATE
     * @param der the DER contents
     * @return the block, ending with a newline
     */
    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /**
     * Every block of the given type, in order.
     *
     * @param text PEM text
     * @param type the label to keep, e.g. CERTIFICATE
     * @return the DER contents of each matching block
     */
    public static List<byte[]> decode(String text, String type) {
        List<byte[]> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
            }
        }
        return blocks;
    }
}
