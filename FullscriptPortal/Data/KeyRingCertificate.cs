using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FullscriptPortal.Data;

/// <summary>Loads the certificate named by <see cref="DataProtectionKeyOptions"/>.</summary>
internal static class KeyRingCertificate
{
    public static X509Certificate2 Load(DataProtectionKeyOptions options) =>
        X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);

    /// <summary>The certificate, or null when it cannot be read or has no private key (the validator says why).</summary>
    public static X509Certificate2? TryLoad(DataProtectionKeyOptions options)
    {
        try
        {
            var certificate = Load(options);
            if (certificate.HasPrivateKey) return certificate;
            certificate.Dispose();
            return null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
