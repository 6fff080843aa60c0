namespace FullscriptPortal.Tests.Infrastructure.Postgres;

/// <summary>Settings that put portals (in-process hosts or processes) on one PostgreSQL database, sharing one key-ring
/// certificate, as the instances of one deployment do.</summary>
public static class PostgresPortals
{
    public static Dictionary<string, string> Settings(string connectionString, TestCertificate certificate) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Portal"] = connectionString,
        ["DataProtection:CertificatePath"] = certificate.PfxPath,
        ["DataProtection:CertificatePassword"] = certificate.Password,
    };

    /// <summary>Puts <paramref name="portal"/> on the database; returns it.</summary>
    public static PortalFactory OnPostgres(this PortalFactory portal, string connectionString, TestCertificate? certificate = null)
    {
        foreach (var (key, value) in Settings(connectionString, certificate ?? TestCertificate.Shared)) portal.Settings[key] = value;
        return portal;
    }
}
