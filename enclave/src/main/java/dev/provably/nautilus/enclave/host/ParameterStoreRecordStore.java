package dev.provably.nautilus.enclave.host;

import dev.provably.nautilus.enclave.identity.IdentityException;
import dev.provably.nautilus.enclave.identity.SealedIdentity;
import dev.provably.nautilus.enclave.identity.SealedIdentityJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Records as SSM parameters {@code <prefix>/identity/<PCR0>} ({@code --identity-ssm-prefix}), so they
 * outlive a replaced host. A plain {@code String} in the Standard tier: the record is a KMS
 * ciphertext and a public key, nothing secret, and it must fit 4 KB (a larger one is refused, never
 * cut). Written once with {@code Overwrite=false}, so two hosts sealing at the same moment cannot
 * both win: SSM keeps the first and the second hears "already stored".
 */
public final class ParameterStoreRecordStore implements RecordStore {
    /** The Standard tier's limit on a parameter's value. */
    public static final int MAX_VALUE_BYTES = 4096;
    /** A hierarchy path: SSM's name characters, no empty segments, not SSM's reserved roots. */
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9_.-]+)+");

    private final SsmClient ssm;
    private final String prefix;

    public ParameterStoreRecordStore(SsmClient ssm, String prefix) {
        this.ssm = ssm;
        this.prefix = checkPrefix(prefix);
    }

    /** @throws IllegalArgumentException unless the prefix is a path such as {@code /nautilus/demo-prod} */
    public static String checkPrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches() || prefix.length() > 200) {
            throw new IllegalArgumentException("the SSM prefix must be a path such as /nautilus/demo-prod "
                    + "(letters, digits, _ . -; no trailing slash), got " + prefix);
        }
        String lower = prefix.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("/aws") || lower.startsWith("/ssm")) {
            throw new IllegalArgumentException("SSM reserves names under /aws and /ssm, got " + prefix);
        }
        return prefix;
    }

    public String parameterName(String release) throws RecordStoreException {
        if (!SealedIdentityJson.isRelease(release)) {
            throw new RecordStoreException(
                    RecordStoreException.Kind.FAILED, "release must be a PCR0 as 96 lowercase hex digits");
        }
        return prefix + "/identity/" + release;
    }

    @Override
    public Optional<SealedIdentity> load(String release) throws RecordStoreException {
        String name = parameterName(release);
        String value;
        try {
            value = ssm.getParameter(r -> r.name(name)).parameter().value();
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("cannot read SSM parameter " + name, e);
        }
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_VALUE_BYTES) {
            throw new RecordStoreException(
                    RecordStoreException.Kind.FAILED,
                    "SSM parameter " + name + " is larger than " + MAX_VALUE_BYTES + " bytes");
        }
        try {
            return Optional.of(SealedIdentityJson.decode(bytes, release, "SSM parameter " + name));
        } catch (IdentityException e) {
            throw new RecordStoreException(RecordStoreException.Kind.FAILED, e.getMessage(), e);
        }
    }

    @Override
    public void saveOnce(SealedIdentity identity) throws RecordStoreException {
        String name = parameterName(identity.release());
        String value = SealedIdentityJson.encode(identity);
        int size = value.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_VALUE_BYTES) {
            throw new RecordStoreException(
                    RecordStoreException.Kind.TOO_LARGE,
                    "the sealed record is " + size + " bytes; an SSM Standard parameter holds at most "
                            + MAX_VALUE_BYTES);
        }
        try {
            ssm.putParameter(r -> r.name(name)
                    .value(value)
                    .type(ParameterType.STRING)
                    .tier(ParameterTier.STANDARD)
                    .overwrite(false)
                    .description("Nautilus sealed enclave identity (KMS ciphertext and public key)"));
        } catch (ParameterAlreadyExistsException e) {
            throw new RecordStoreException(
                    RecordStoreException.Kind.ALREADY_STORED,
                    "a sealed identity for this release is already stored in " + name,
                    e);
        } catch (SdkException e) {
            throw failure("cannot write SSM parameter " + name, e);
        }
    }

    @Override
    public String describe() {
        return "SSM parameters " + prefix + "/identity/<PCR0>";
    }

    /** Throttling, SSM's own 5xx and transport failures are "try later"; access denied and the rest are errors. */
    private static RecordStoreException failure(String what, SdkException e) {
        boolean transient_ = e instanceof SdkClientException
                || e instanceof AwsServiceException service
                        && (service.isThrottlingException() || service.statusCode() >= 500);
        return new RecordStoreException(
                transient_ ? RecordStoreException.Kind.UNAVAILABLE : RecordStoreException.Kind.FAILED,
                what + ": " + e.getMessage(),
                e);
    }
}
