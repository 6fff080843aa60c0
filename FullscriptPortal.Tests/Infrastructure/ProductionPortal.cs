using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>A portal configured as a real deployment outside Development must be: the key ring protected by a certificate
/// (made here, self-signed), the simulator explicitly enabled with its own generated secret, and the demo people seeded so
/// tests have someone to sign in as.</summary>
public sealed class ProductionPortal : IDisposable
{
    private readonly string _certificateDirectory = PortalFactory.NewDataDirectory("fullscript-portal-cert-");

    public ProductionPortal()
    {
        const string password = "test-certificate-password";
        var certificatePath = Path.Combine(_certificateDirectory, "dataprotection.pfx");
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=FullscriptPortal test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(certificatePath, certificate.Export(X509ContentType.Pfx, password));

        Factory = new PortalFactory { EnvironmentName = "Production" };
        Factory.Settings["DataProtection:CertificatePath"] = certificatePath;
        Factory.Settings["DataProtection:CertificatePassword"] = password;
        Factory.Settings["Simulator:Enabled"] = "true";
        Factory.Settings["Simulator:ClientSecret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        Factory.Settings["Demo:Seed"] = "true";
    }

    public PortalFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        try { Directory.Delete(_certificateDirectory, recursive: true); } catch (IOException) { /* the OS temp cleaner takes it */ }
    }
}
