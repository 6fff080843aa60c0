using FullscriptPortal.Connections;
using Microsoft.AspNetCore.DataProtection;

namespace FullscriptPortal.Tokens;

/// <summary>Encrypts tokens, codes and PKCE verifiers at rest with ASP.NET Core Data Protection. The key ring lives in the
/// portal database, so a restart or another instance can read what this one wrote.</summary>
public sealed class TokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("FullscriptPortal.Connections.Tokens.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string ciphertext) => _protector.Unprotect(ciphertext);

    /// <summary>A newly granted pair as a connection stores it: the tokens encrypted, their lifetime and scope as granted.</summary>
    public ProtectedTokenPair Protect(Fullscript.TokenSet tokens) =>
        new(Protect(tokens.AccessToken), Protect(tokens.RefreshToken), tokens.CreatedAt, tokens.ExpiresIn, tokens.ExpiresAt, tokens.Scope);
}
