namespace FullscriptPortal.Data;

/// <summary>The <c>DataProtection</c> section: the certificate that wraps the token-encryption key ring, so the key that
/// opens the tokens lives outside the database that holds them.</summary>
public sealed class DataProtectionKeyOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PFX file with a private key; required outside Development.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificatePath);
}
