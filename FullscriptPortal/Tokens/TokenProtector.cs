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

    /// <summary>Puts a newly granted pair on the connection: the tokens encrypted, their lifetime and scope as granted.</summary>
    public void StoreIn(FullscriptConnection connection, Fullscript.TokenSet tokens)
    {
        connection.AccessTokenProtected = Protect(tokens.AccessToken);
        connection.RefreshTokenProtected = Protect(tokens.RefreshToken);
        connection.TokenCreatedAt = tokens.CreatedAt;
        connection.ExpiresInSeconds = tokens.ExpiresIn;
        connection.AccessTokenExpiresAt = tokens.ExpiresAt;
        connection.Scope = tokens.Scope;
    }
}
