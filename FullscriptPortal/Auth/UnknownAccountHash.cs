using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>A password hash that belongs to nobody, made once with the portal's own hasher and settings, so checking a
/// password for an unknown e-mail costs what checking a real account's does.</summary>
public sealed class UnknownAccountHash
{
    private static readonly PortalUser Nobody = new() { UserName = "nobody", DisplayName = "nobody" };
    private string? _hash;

    public void Verify(IPasswordHasher<PortalUser> hasher, string password)
    {
        _hash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, _hash, password);
    }
}
