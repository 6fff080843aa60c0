using Microsoft.AspNetCore.DataProtection;

namespace FullscriptPortal.Connections;

/// <summary>Encrypts tokens, codes and PKCE verifiers at rest with ASP.NET Core Data Protection. The key ring lives in the
/// portal database, so a restart or another instance can read what this one wrote.</summary>
public sealed class TokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("FullscriptPortal.Connections.Tokens.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string ciphertext) => _protector.Unprotect(ciphertext);
}
