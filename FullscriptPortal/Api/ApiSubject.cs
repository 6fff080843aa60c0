using FullscriptPortal.Auth;
using FullscriptPortal.Connections;

namespace FullscriptPortal.Api;

/// <summary>A person found by the integrating app's id, with what the policy needs to decide about them.</summary>
internal sealed record ApiSubject(PortalUser User, string Role, string? ClinicExternalId)
{
    public ConnectionSubject Subject => new(User.Id, User.ClinicId);
}
