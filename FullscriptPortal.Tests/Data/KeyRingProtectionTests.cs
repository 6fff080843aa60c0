using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using FullscriptPortal.Data;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Data;

/// <summary>The key that encrypts the tokens lives outside the database that holds them: outside Development the portal
/// does not start without a certificate for the key ring, and a copy of the database alone opens no token.</summary>
public sealed class KeyRingProtectionTests
{
    private static readonly XNamespace _xmlEncryption = "http://www.w3.org/2001/04/xmlenc#";

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public void Outside_development_the_portal_does_not_start_without_a_certificate_for_the_key_ring(StoreProvider provider)
    {
        using var factory = new PortalFactory().InProduction().On(provider);
        factory.Settings.Remove("DataProtection:CertificatePath");
        factory.Settings.Remove("DataProtection:CertificatePassword");

        var start = () => factory.StartServer();

        start.Should().Throw<OptionsValidationException>()
            .Which.Message.Should().Contain("DataProtection:CertificatePath").And.Contain("DataProtection:CertificatePassword")
            .And.Contain("outside the database");
    }

    [Fact]
    public void A_certificate_that_cannot_be_read_stops_start_up_with_a_sentence_naming_it()
    {
        using var factory = new PortalFactory().InProduction();
        factory.Settings["DataProtection:CertificatePassword"] = "not the password";

        var start = () => factory.StartServer();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("DataProtection:CertificatePath")
            .And.NotContain("not the password");
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task With_a_certificate_the_portal_starts_outside_development_and_stores_its_keys_encrypted(StoreProvider store)
    {
        using var factory = new PortalFactory().InProduction().On(store);
        var provider = factory.Services.GetRequiredService<IDataProtectionProvider>();

        provider.CreateProtector("test").Unprotect(provider.CreateProtector("test").Protect("x")).Should().Be("x");

        (await factory.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync())).Should().NotBeEmpty()
            .And.AllSatisfy(ShouldBeEncryptedToTheCertificate);
    }

    [Fact]
    public async Task A_copy_of_the_database_alone_opens_no_token()
    {
        var certificate = TestCertificate.Create();
        using var factory = new PortalFactory().InProduction(certificate);
        factory.Settings["Demo:Seed"] = "true";
        using var browser = factory.NewProxiedSession();
        (await browser.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        var connection = (await factory.ConnectionOfAsync(browser.UserId!))!;
        var protector = factory.Services.GetRequiredService<TokenProtector>();
        var tokens = new[] { protector.Unprotect(connection.AccessTokenProtected!), protector.Unprotect(connection.RefreshTokenProtected!) };

        var copy = CopyOfDatabase(factory);

        var bytes = await File.ReadAllBytesAsync(copy);
        foreach (var token in tokens) bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)).Should().Be(-1, "no token is stored in the clear");
        using (var withoutCertificate = ProtectorOnCopy(copy, certificate: null))
        {
            withoutCertificate.Keys.Should().NotBeEmpty().And.AllSatisfy(ShouldBeEncryptedToTheCertificate);
            foreach (var ciphertext in new[] { connection.AccessTokenProtected!, connection.RefreshTokenProtected! })
                withoutCertificate.Invoking(p => p.Protector.Unprotect(ciphertext)).Should().Throw<CryptographicException>();
        }

        // The control: the same copy with the certificate opens them, so what was missing is only the key outside it.
        using var withCertificate = ProtectorOnCopy(copy, certificate.Load());
        withCertificate.Protector.Unprotect(connection.AccessTokenProtected!).Should().Be(tokens[0]);
    }

    private static void ShouldBeEncryptedToTheCertificate(string xml)
    {
        var key = XElement.Parse(xml);
        key.Descendants(_xmlEncryption + "EncryptedData").Should().ContainSingle("the master key is wrapped by the certificate");
        key.Descendants().Where(e => e.Name.LocalName == "value").Should().BeEmpty("no master key in the clear");
    }

    /// <summary>What a backup is: one consistent file, made while the portal runs (its write-ahead log folded in).</summary>
    private static string CopyOfDatabase(PortalFactory factory)
    {
        var copy = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "stolen-copy.db");
        using var source = new SqliteConnection($"Data Source={factory.DatabasePath}");
        source.Open();
        using var command = source.CreateCommand();
        command.CommandText = "VACUUM INTO $copy";
        command.Parameters.AddWithValue("$copy", copy);
        command.ExecuteNonQuery();
        return copy;
    }

    /// <summary>Data Protection as the app configures it (its application name, keys in the database), on the copy.</summary>
    private static CopyProtector ProtectorOnCopy(string copy, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContextFactory<PortalDbContext>(options => options.UseSqlite($"Data Source={copy};Pooling=false"));
        var dataProtection = services.AddDataProtection().SetApplicationName(DataRegistration.ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>().DisableAutomaticKeyGeneration();
        if (certificate is not null) dataProtection.ProtectKeysWithCertificate(certificate);
        var provider = services.BuildServiceProvider();
        using var db = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        return new CopyProtector(provider, new TokenProtector(provider.GetRequiredService<IDataProtectionProvider>()),
            [.. db.DataProtectionKeys.Select(k => k.Xml!)]);
    }

    private sealed record CopyProtector(ServiceProvider Provider, TokenProtector Protector, IReadOnlyList<string> Keys) : IDisposable
    {
        public void Dispose() => Provider.Dispose();
    }
}
