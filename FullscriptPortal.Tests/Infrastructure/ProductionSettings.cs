using System.Security.Cryptography;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>A portal configured as a server must be to start outside Development: a certificate for the key ring and
/// the simulator (which the tests talk to) explicitly enabled with a generated secret.</summary>
public static class ProductionSettings
{
    /// <summary>Makes <paramref name="factory"/> a Production portal that starts; returns it for <c>using var</c>.</summary>
    public static PortalFactory InProduction(this PortalFactory factory, TestCertificate? certificate = null)
    {
        certificate ??= TestCertificate.Shared;
        factory.EnvironmentName = "Production";
        factory.Settings["DataProtection:CertificatePath"] = certificate.PfxPath;
        factory.Settings["DataProtection:CertificatePassword"] = certificate.Password;
        factory.Settings["Simulator:Enabled"] = "true";
        factory.Settings["Simulator:ClientSecret"] = NewSimulatorSecret();
        return factory;
    }

    /// <summary>What `openssl rand -base64 32` gives.</summary>
    public static string NewSimulatorSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
