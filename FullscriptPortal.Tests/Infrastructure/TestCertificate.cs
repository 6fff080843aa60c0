using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>The one place tests make a certificate for the Data Protection key ring: a self-signed RSA certificate,
/// exported as a password-protected PFX file, as an operator would supply it.</summary>
public sealed class TestCertificate
{
    private static readonly Lazy<TestCertificate> _shared = new(() => Create());

    private TestCertificate(string path, string password) => (PfxPath, Password) = (path, password);

    /// <summary>One certificate for the whole run, for tests that only need a portal that starts outside Development.</summary>
    public static TestCertificate Shared => _shared.Value;

    public string PfxPath { get; }

    public string Password { get; }

    /// <summary>A new certificate in its own temporary PFX file.</summary>
    public static TestCertificate Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=FullscriptPortal test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var path = Path.Combine(Path.GetTempPath(), $"fullscript-portal-key-ring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return new TestCertificate(path, password);
    }

    public X509Certificate2 Load() => X509CertificateLoader.LoadPkcs12FromFile(PfxPath, Password);
}
