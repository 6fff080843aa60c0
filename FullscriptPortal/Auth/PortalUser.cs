using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

public sealed class PortalUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The integrating app's own id for this person (its <c>externalId</c> in the API); null for people made by hand.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Set when the person was deactivated: they can no longer sign in, and their connection was disconnected.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>Null for support staff, who work across every clinic.</summary>
    public int? ClinicId { get; set; }
    public Clinic? Clinic { get; set; }
}
