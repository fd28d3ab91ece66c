package dev.provably.nautilus.c2pa.jumbf;

import java.util.UUID;

/** The JUMBF content-type UUIDs used by C2PA (ISO 19566-5 and the C2PA specification). */
public final class JumbfTypes {
    private JumbfTypes() {}

    /** The ISO base UUID suffix shared by four-character-code types. */
    private static UUID fourCc(String code) {
        long high = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 8) | (code.charAt(i) & 0xFF);
        }
        return new UUID((high << 32) | 0x0011_0010L, 0x8000_00AA_0038_9B71L);
    }

    public static final UUID MANIFEST_STORE = fourCc("c2pa");
    public static final UUID MANIFEST = fourCc("c2ma");
    public static final UUID UPDATE_MANIFEST = fourCc("c2um");
    public static final UUID ASSERTION_STORE = fourCc("c2as");
    public static final UUID CLAIM = fourCc("c2cl");
    public static final UUID SIGNATURE = fourCc("c2cs");
    public static final UUID CREDENTIAL_STORE = fourCc("c2vc");
    public static final UUID CBOR = fourCc("cbor");
    public static final UUID JSON = fourCc("json");
    public static final UUID EMBEDDED_FILE = UUID.fromString("40cb0c32-bb8a-489d-a70b-2ad6f47f4369");
}
