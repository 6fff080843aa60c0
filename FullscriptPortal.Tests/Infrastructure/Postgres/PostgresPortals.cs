using FullscriptPortal.Data;

namespace FullscriptPortal.Tests.Infrastructure.Postgres;

/// <summary>Portals (in-process hosts or processes) on one PostgreSQL database, sharing one key-ring certificate, as the
/// instances of one deployment do.</summary>
public static class PostgresPortals
{
    /// <summary>The settings of an instance of the deployment on <paramref name="connectionString"/>.</summary>
    public static Dictionary<string, string> Settings(string connectionString, TestCertificate certificate) => new()
    {
        [DatabaseSettings.ProviderKey] = nameof(StoreProvider.Postgres),
        [$"ConnectionStrings:{DatabaseSettings.PostgresConnectionName}"] = connectionString,
        ["DataProtection:CertificatePath"] = certificate.PfxPath,
        ["DataProtection:CertificatePassword"] = certificate.Password,
    };

    /// <summary>Puts <paramref name="portal"/> on the PostgreSQL database of <paramref name="first"/> (for a second
    /// instance that cannot be a <see cref="PortalFactory.SecondInstanceOf"/>, e.g. one on the real clock); returns it.</summary>
    public static PortalFactory OnDatabaseOf(this PortalFactory portal, PortalFactory first)
    {
        foreach (var (key, value) in Settings(first.PostgresConnectionString!, TestCertificate.Shared)) portal.Settings[key] = value;
        return portal;
    }

    /// <summary>Wraps <paramref name="portal"/>'s key ring with <paramref name="certificate"/>, as every instance's is; returns it.</summary>
    public static PortalFactory WithKeyRing(this PortalFactory portal, TestCertificate certificate)
    {
        portal.Settings["DataProtection:CertificatePath"] = certificate.PfxPath;
        portal.Settings["DataProtection:CertificatePassword"] = certificate.Password;
        return portal;
    }
}
