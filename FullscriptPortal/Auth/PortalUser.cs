using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

public sealed class PortalUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>Null for support staff, who work across every clinic.</summary>
    public int? ClinicId { get; set; }
    public Clinic? Clinic { get; set; }
}
