using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace FullscriptPortal.Connect;

/// <summary>Random values of the flow and their one-way forms.</summary>
public static class OAuthSecrets
{
    /// <summary>256 random bits, URL-safe: used for <c>state</c> and PKCE verifiers.</summary>
    public static string NewRandomValue() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>PKCE S256 (RFC 7636 §4.2).</summary>
    public static string CodeChallenge(string verifier) => WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
