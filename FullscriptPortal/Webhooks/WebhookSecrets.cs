using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace FullscriptPortal.Webhooks;

/// <summary>Standard Webhooks signing secrets (<c>whsec_</c> and 32 random bytes in base64), kept encrypted at rest.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string Prefix = "whsec_";

    private readonly IDataProtector _protector = provider.CreateProtector("FullscriptPortal.Webhooks.Secrets.v1");

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string ciphertext) => _protector.Unprotect(ciphertext);
}
