using FullscriptPortal.Auth;
using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Tests.Auth;

/// <summary>The portal's own hasher, counting how many passwords it checked.</summary>
public sealed class CountingPasswordHasher(IPasswordHasher<PortalUser> inner) : IPasswordHasher<PortalUser>
{
    public int Verified { get; private set; }

    public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        Verified++;
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
