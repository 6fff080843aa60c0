using System.Security.Claims;
using FullscriptPortal.Auth;

namespace FullscriptPortal.Connections;

public enum ConnectionAction
{
    View,
    Connect,
    Refresh,
    Disconnect,

    /// <summary>Support's disconnect of anyone's connection, always with a reason.</summary>
    Revoke,
    Invite,
}

/// <summary>A person whose connection is acted on: their portal user id and clinic.</summary>
public sealed record ConnectionSubject(string UserId, int? ClinicId);

/// <summary>Who may do what to whose connection. Decided here, in one place, and enforced by the services; pages only
/// hide what this refuses. Practitioners and staff act on their own connection, clinic managers on their clinic's staff,
/// support on everyone's (revoking with a reason, never connecting on someone's behalf), and the integrating app's backend
/// (an API key) its key's clinic's or every clinic's (tokens, connect links and disconnects, never a browser flow).</summary>
public static class ConnectionPolicy
{
    public static bool Allows(ClaimsPrincipal user, ConnectionAction action, ConnectionSubject subject)
    {
        var own = user.UserId() == subject.UserId;
        var sameClinic = user.ClinicIdOf() is { } clinic && clinic == subject.ClinicId;

        if (user.IsInRole(PortalRoles.ApiClient))
            return MayManageClinic(user, subject.ClinicId) && action is ConnectionAction.View or ConnectionAction.Refresh or ConnectionAction.Disconnect or ConnectionAction.Invite;
        if (user.IsInRole(PortalRoles.Support))
            return action is ConnectionAction.View or ConnectionAction.Refresh or ConnectionAction.Revoke;
        if (user.IsInRole(PortalRoles.ClinicManager))
            return sameClinic && !own && action is not ConnectionAction.Revoke;
        if (user.IsInRole(PortalRoles.Practitioner) || user.IsInRole(PortalRoles.Staff))
            return own && action is ConnectionAction.View or ConnectionAction.Connect or ConnectionAction.Refresh or ConnectionAction.Disconnect;
        return false;
    }

    /// <summary>Whether an API client may create, change or deactivate people of <paramref name="clinicId"/>: a key scoped
    /// to one clinic only that clinic, a key for every clinic any.</summary>
    public static bool MayManageClinic(ClaimsPrincipal user, int? clinicId) =>
        user.IsInRole(PortalRoles.ApiClient) && (user.ClinicIdOf() is not { } scope || scope == clinicId);

    /// <summary>Only a key for every clinic adds clinics.</summary>
    public static bool MayCreateClinics(ClaimsPrincipal user) => user.IsInRole(PortalRoles.ApiClient) && user.ClinicIdOf() is null;
}
