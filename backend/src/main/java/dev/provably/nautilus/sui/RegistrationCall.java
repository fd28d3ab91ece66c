package dev.provably.nautilus.sui;

import java.util.regex.Pattern;

/**
 * Where an enclave is registered (Nautilus's {@code enclave::enclave::register_enclave<T>}), for
 * rendering a {@code sui client ptb} command. Any part may be a placeholder such as {@code <ID>}.
 *
 * @param enclavePackageId the package of the Nautilus {@code enclave} module
 * @param appType the one-time-witness type the enclave config is for, e.g. {@code
 *     0x…::media_report::MEDIA_REPORT}
 * @param enclaveConfigId the shared {@code EnclaveConfig<T>} holding the expected PCRs
 * @param gasBudgetMist the gas budget in MIST
 */
public record RegistrationCall(String enclavePackageId, String appType, String enclaveConfigId, long gasBudgetMist) {
    /** 0.1 SUI, Nautilus's own budget: the attestation check costs about 13 M native gas units. */
    public static final long DEFAULT_GAS_BUDGET_MIST = 100_000_000L;

    private static final Pattern TYPE =
            Pattern.compile("(?:0x[0-9a-fA-F]{1,64}|<[A-Z][A-Z0-9_]*>)::(?:[A-Za-z][A-Za-z0-9_]*|<[A-Z][A-Z0-9_]*>)"
                    + "::(?:[A-Za-z][A-Za-z0-9_]*|<[A-Z][A-Z0-9_]*>)");

    public RegistrationCall {
        PtbCommand.address(enclavePackageId, "enclavePackageId");
        if (appType == null || !TYPE.matcher(appType).matches()) {
            throw new IllegalArgumentException("appType must be address::module::Type, got " + appType);
        }
        PtbCommand.address(enclaveConfigId, "enclaveConfigId");
        PtbCommand.gasBudget(gasBudgetMist);
    }

    /**
     * Placeholders: {@code <ENCLAVE_PACKAGE_ID>}, {@code <APP_PACKAGE_ID>::media_report::MEDIA_REPORT},
     * {@code <ENCLAVE_CONFIG_ID>}.
     */
    public static RegistrationCall placeholders() {
        return new RegistrationCall(
                "<ENCLAVE_PACKAGE_ID>",
                "<APP_PACKAGE_ID>::media_report::MEDIA_REPORT",
                "<ENCLAVE_CONFIG_ID>",
                DEFAULT_GAS_BUDGET_MIST);
    }
}
