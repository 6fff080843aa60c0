using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Data;

/// <summary>Outside Development the key ring must be wrapped by a certificate, on either provider: the ring sits in the
/// portal database beside the tokens (on PostgreSQL, shared by every instance), so without a key kept elsewhere a copy or
/// a backup of the database alone would decrypt every token.</summary>
internal sealed class DataProtectionKeyOptionsValidator(IHostEnvironment environment) : IValidateOptions<DataProtectionKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionKeyOptions options)
    {
        if (!options.HasCertificate)
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    "DataProtection:CertificatePath is not set. Outside Development the key that encrypts the stored tokens must live " +
                    "outside the database that holds them (the SQLite file, or the PostgreSQL database every instance shares): set DataProtection:CertificatePath to a PFX file with a private key (and " +
                    "DataProtection:CertificatePassword to its password), e.g. the environment variables DataProtection__CertificatePath " +
                    "and DataProtection__CertificatePassword.");
        }

        try
        {
            using var certificate = KeyRingCertificate.Load(options);
            return certificate.HasPrivateKey
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"DataProtection:CertificatePath '{options.CertificatePath}' has no private key; use a PFX that includes it.");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail(
                $"DataProtection:CertificatePath '{options.CertificatePath}' could not be read as a PFX with DataProtection:CertificatePassword: {e.Message}");
        }
    }
}
