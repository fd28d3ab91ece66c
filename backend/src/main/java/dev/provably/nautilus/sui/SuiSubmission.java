package dev.provably.nautilus.sui;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.provably.nautilus.attestation.VerifiedAttestation;
import dev.provably.nautilus.gate.AcceptedReport;
import dev.provably.nautilus.report.BcsWriter;
import dev.provably.nautilus.report.IntentMessage;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a Sui transaction needs for an accepted report, as data and as JSON:
 *
 * <ul>
 *   <li><b>registration</b> (once per enclave boot): the attestation bytes for {@code
 *       0x2::nitro_attestation::load_nitro_attestation(attestation, @0x6)}, the PCRs the contract's
 *       enclave config must hold, the enclave key the contract will store, and the leaf
 *       certificate's expiry, after which the document no longer loads on chain;
 *   <li><b>report</b>: the two pure arguments of the report-checking entry function, the exact
 *       signed bytes ({@code BCS(IntentMessage<MediaReport>)}) and the 64-byte signature, each with
 *       its Move type and BCS bytes. The contract checks the signature over those bytes, then reads
 *       the report from them with {@code sui::bcs}, so no field is passed twice or rebuilt.
 * </ul>
 *
 * Immutable.
 */
public final class SuiSubmission {
    /** The Sui framework function that verifies an attestation on chain. */
    public static final String LOAD_NITRO_ATTESTATION = "0x2::nitro_attestation::load_nitro_attestation";

    /** The shared Clock object. */
    public static final String CLOCK_OBJECT_ID = "0x6";

    private static final HexFormat HEX = HexFormat.of();
    private static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    private final byte[] attestationDocument;
    private final SortedMap<Integer, byte[]> expectedPcrs;
    private final VerifiedAttestation attestation;
    private final IntentMessage message;
    private final byte[] signedBytes;
    private final byte[] signature;
    private final byte[] publicKey;
    private final List<MoveArgument> reportArguments;
    private final boolean alreadyRegistered;

    private SuiSubmission(AcceptedReport report, SortedMap<Integer, byte[]> expectedPcrs, boolean alreadyRegistered) {
        this.alreadyRegistered = alreadyRegistered;
        this.attestation = report.attestation();
        this.attestationDocument = attestation.document();
        TreeMap<Integer, byte[]> pcrs = new TreeMap<>();
        expectedPcrs.forEach((index, value) -> pcrs.put(index, value.clone()));
        this.expectedPcrs = pcrs;
        this.message = report.message();
        this.signedBytes = report.reportBcs();
        this.signature = report.signature();
        this.publicKey = report.publicKey();
        this.reportArguments = arguments(signedBytes, signature);
    }

    /**
     * The submission for {@code report}; {@code expectedPcrs} are the values the on-chain enclave
     * config must hold (normally {@code BackendConfig.expectedPcrs()}).
     */
    public static SuiSubmission of(AcceptedReport report, Map<Integer, byte[]> expectedPcrs) {
        return of(report, expectedPcrs, RegisteredEnclaves.none());
    }

    /**
     * As {@link #of(AcceptedReport, Map)}, knowing which enclave keys the backend has already
     * registered: for a recorded key the submission says so and carries no registration command.
     */
    public static SuiSubmission of(
            AcceptedReport report, Map<Integer, byte[]> expectedPcrs, RegisteredEnclaves registered) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(expectedPcrs, "expectedPcrs");
        Objects.requireNonNull(registered, "registered");
        return new SuiSubmission(report, new TreeMap<>(expectedPcrs), registered.contains(report.publicKey()));
    }

    /** Whether the backend's record says this report's enclave key is already registered on Sui. */
    public boolean alreadyRegistered() {
        return alreadyRegistered;
    }

    /**
     * The pure arguments of the report call, in order: {@code signed_report} (exactly {@link
     * #signedBytes()}) and {@code signature}.
     */
    public List<MoveArgument> reportArguments() {
        return reportArguments;
    }

    /** The exact signed bytes the contract passes to {@code ed25519_verify} and then decodes. */
    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    /** The attestation document to pass to {@code load_nitro_attestation}. */
    public byte[] attestationDocument() {
        return attestationDocument.clone();
    }

    /** The {@code sui client ptb} command that registers the enclave from this attestation. */
    public String registrationPtb(RegistrationCall call) {
        Objects.requireNonNull(call, "call");
        return new PtbCommand()
                .command(
                        "--move-call",
                        LOAD_NITRO_ATTESTATION,
                        PtbCommand.bytes(attestationDocument),
                        "@" + CLOCK_OBJECT_ID)
                .command("--assign", "document")
                .command(
                        "--move-call",
                        call.enclavePackageId() + "::enclave::register_enclave<" + call.appType() + ">",
                        "@" + call.enclaveConfigId(),
                        "document")
                .command("--gas-budget", Long.toString(call.gasBudgetMist()))
                .render();
    }

    /**
     * The {@code sui client ptb} command that submits this report: the enclave and registry objects,
     * the pure arguments of {@link #reportArguments()}, then the Clock.
     */
    public String reportPtb(ReportCall call) {
        Objects.requireNonNull(call, "call");
        List<String> tokens = new ArrayList<>();
        tokens.add("--move-call");
        tokens.add(call.packageId() + "::" + call.module() + "::" + call.function());
        tokens.add("@" + call.enclaveObjectId());
        tokens.add("@" + call.registryObjectId());
        for (MoveArgument argument : reportArguments) {
            tokens.add(ptbLiteral(argument));
        }
        tokens.add("@" + CLOCK_OBJECT_ID);
        return new PtbCommand()
                .command(tokens.toArray(String[]::new))
                .command("--gas-budget", Long.toString(call.gasBudgetMist()))
                .render();
    }

    /** {@link #toJson(ReportCall, RegistrationCall)} with placeholder IDs in the commands. */
    public String toJson() {
        return toJson(ReportCall.placeholders(), RegistrationCall.placeholders());
    }

    /** The submission as pretty-printed JSON, with ready commands for the given call targets. */
    public String toJson(ReportCall reportCall, RegistrationCall registrationCall) {
        return GSON.toJson(toJsonTree(reportCall, registrationCall));
    }

    /** {@link #toJsonTree(ReportCall, RegistrationCall)} with placeholder IDs in the commands. */
    public JsonObject toJsonTree() {
        return toJsonTree(ReportCall.placeholders(), RegistrationCall.placeholders());
    }

    /** The JSON of {@link #toJson(ReportCall, RegistrationCall)} as a tree, for embedding in other JSON; a new object each call. */
    public JsonObject toJsonTree(ReportCall reportCall, RegistrationCall registrationCall) {
        JsonObject registration = new JsonObject();
        registration.addProperty("function", LOAD_NITRO_ATTESTATION);
        JsonArray registrationArguments = new JsonArray();
        registrationArguments.add(
                argumentJson("attestation", "vector<u8>", "0x" + HEX.formatHex(attestationDocument), null));
        registrationArguments.add(argumentJson("clock", "&0x2::clock::Clock", CLOCK_OBJECT_ID, null));
        registration.add("arguments", registrationArguments);
        JsonObject pcrs = new JsonObject();
        expectedPcrs.forEach((index, value) -> pcrs.addProperty(Integer.toString(index), HEX.formatHex(value)));
        registration.add("expectedPcrs", pcrs);
        registration.addProperty("enclavePublicKey", HEX.formatHex(publicKey));
        registration.addProperty("attestationTimestampMs", attestation.timestampMillis());
        registration.addProperty(
                "registerBefore",
                attestation.certificate().getNotAfter().toInstant().toString());
        registration.addProperty("alreadyRegistered", alreadyRegistered);

        JsonObject report = new JsonObject();
        report.addProperty(
                "function", reportCall.packageId() + "::" + reportCall.module() + "::" + reportCall.function());
        JsonArray objects = new JsonArray();
        objects.add(argumentJson("enclave", "&Enclave<MEDIA_REPORT>", reportCall.enclaveObjectId(), null));
        objects.add(argumentJson("registry", "&mut ReportRegistry", reportCall.registryObjectId(), null));
        objects.add(argumentJson("clock", "&0x2::clock::Clock", CLOCK_OBJECT_ID, null));
        report.add("objects", objects);
        JsonArray arguments = new JsonArray();
        for (MoveArgument argument : reportArguments) {
            arguments.add(argumentJson(argument.name(), argument.moveType(), argument.value(), argument.bcs()));
        }
        report.add("arguments", arguments);
        report.addProperty("intent", message.intent());
        report.addProperty("timestampMs", message.timestampMs());
        report.addProperty("signature", HEX.formatHex(signature));
        report.addProperty("publicKey", HEX.formatHex(publicKey));
        report.addProperty("signedBytes", HEX.formatHex(signedBytes));

        JsonObject commands = new JsonObject();
        if (!alreadyRegistered) { // registered once per identity: no command for a recorded key
            commands.addProperty("registration", registrationPtb(registrationCall));
        }
        commands.addProperty("report", reportPtb(reportCall));

        JsonObject root = new JsonObject();
        root.add("registration", registration);
        root.add("report", report);
        root.add("ptb", commands);
        return root;
    }

    private static JsonObject argumentJson(String name, String type, String value, byte[] bcs) {
        JsonObject json = new JsonObject();
        json.addProperty("name", name);
        json.addProperty("type", type);
        json.addProperty("value", value);
        if (bcs != null) {
            json.addProperty("bcs", HEX.formatHex(bcs));
        }
        return json;
    }

    private static List<MoveArgument> arguments(byte[] signedBytes, byte[] signature) {
        return List.of(bytesArgument("signed_report", signedBytes), bytesArgument("signature", signature));
    }

    private static MoveArgument bytesArgument(String name, byte[] value) {
        return new MoveArgument(
                name,
                "vector<u8>",
                "0x" + HEX.formatHex(value),
                new BcsWriter().bytes(value).toByteArray());
    }

    private static String ptbLiteral(MoveArgument argument) {
        return switch (argument.moveType()) {
            case "vector<u8>" -> PtbCommand.bytes(HEX.parseHex(argument.value().substring(2)));
            default -> throw new IllegalStateException("no PTB literal for " + argument.moveType());
        };
    }
}
