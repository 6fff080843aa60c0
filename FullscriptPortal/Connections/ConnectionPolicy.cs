using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Fullscript;

namespace FullscriptPortal.Connections;

/// <summary>Who may do what to whose connection. Decided here, in one place, and enforced by the services; pages only
/// hide what this refuses. Practitioners and staff act on their own connection, clinic managers on their clinic's staff,
/// support on everyone's (revoking with a reason, never connecting on someone's behalf), and the integrating app's backend
/// (an API key) its key's clinic's or every clinic's (tokens, connect links and disconnects, never a browser flow).</summary>
public static class ConnectionPolicy
{
    /// <summary>Roles that hold a Fullscript account of their own and connect it from the dashboard (for
    /// <c>AuthorizeView Roles</c>).</summary>
    public const string OwnAccountRoles = PortalRoles.Practitioner + "," + PortalRoles.Staff;

    public static bool Allows(ClaimsPrincipal user, ConnectionAction action, ConnectionSubject subject)
    {
        var own = user.UserId() == subject.UserId;
        var sameClinic = user.ClinicIdOf() is { } clinic && clinic == subject.ClinicId;

        if (user.IsInRole(PortalRoles.ApiClient))
            return MayManageClinic(user, subject.ClinicId) && action is ConnectionAction.Refresh or ConnectionAction.Disconnect or ConnectionAction.Invite;
        if (user.IsInRole(PortalRoles.Support))
            return action is ConnectionAction.Refresh or ConnectionAction.Revoke;
        if (user.IsInRole(PortalRoles.ClinicManager))
            return sameClinic && !own && action is not ConnectionAction.Revoke;
        if (ConnectsOwnAccount(user))
            return own && action is ConnectionAction.Connect or ConnectionAction.Refresh or ConnectionAction.Disconnect;
        return false;
    }

    /// <summary>Whether an API client may create, change or deactivate people of <paramref name="clinicId"/>: a key scoped
    /// to one clinic only that clinic, a key for every clinic any.</summary>
    public static bool MayManageClinic(ClaimsPrincipal user, int? clinicId) =>
        user.IsInRole(PortalRoles.ApiClient) && (user.ClinicIdOf() is not { } scope || scope == clinicId);

    /// <summary>Only support staff and a key for every clinic add clinics.</summary>
    public static bool MayCreateClinics(ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.Support) || (user.IsInRole(PortalRoles.ApiClient) && user.ClinicIdOf() is null);

    /// <summary>Whether <paramref name="user"/> may rename a clinic: support, or an API key in its scope.</summary>
    public static bool MayChangeClinic(ClaimsPrincipal user, int clinicId) =>
        user.IsInRole(PortalRoles.Support) || MayManageClinic(user, clinicId);

    /// <summary>Roles a person may be given by hand or through the API; support staff are never made this way.</summary>
    public static readonly IReadOnlyList<string> GivableRoles = [PortalRoles.Practitioner, PortalRoles.Staff, PortalRoles.ClinicManager];

    /// <summary>Whether <paramref name="user"/> may add a person to <paramref name="clinicId"/> with <paramref name="role"/>:
    /// support anywhere, an API key in its scope, a clinic manager only practitioners and staff of their own clinic (so a
    /// manager never makes a peer with their own reach).</summary>
    public static bool MayAddPerson(ClaimsPrincipal user, int clinicId, string role)
    {
        if (!GivableRoles.Contains(role)) return false;
        if (user.IsInRole(PortalRoles.Support)) return true;
        if (user.IsInRole(PortalRoles.ApiClient)) return MayManageClinic(user, clinicId);
        return user.IsInRole(PortalRoles.ClinicManager) && user.ClinicIdOf() == clinicId && role is PortalRoles.Practitioner or PortalRoles.Staff;
    }

    /// <summary>Whether <paramref name="user"/> may change the role or details of, or deactivate, a person of
    /// <paramref name="clinicId"/>: support and API keys in scope only; managers add staff but leave changes to support.
    /// Support staff themselves (no clinic) are not managed here.</summary>
    public static bool MayChangePerson(ClaimsPrincipal user, int? clinicId) => clinicId is not null &&
        (user.IsInRole(PortalRoles.Support) || MayManageClinic(user, clinicId));

    /// <summary>Whether this user holds a Fullscript account of their own (practitioners and staff).</summary>
    public static bool ConnectsOwnAccount(ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.Practitioner) || user.IsInRole(PortalRoles.Staff);

    /// <summary>The same, for a person known only by their role names (someone a manager connects on behalf of).</summary>
    public static bool ConnectsOwnAccount(IEnumerable<string> roles) =>
        roles.Any(r => r is PortalRoles.Practitioner or PortalRoles.Staff);

    /// <summary>Whether the user connects, refreshes and disconnects the connection their dashboard shows: role-based,
    /// their own; clinic-level, the clinic's one connection, managed by its clinic manager.</summary>
    public static bool ManagesOwnConnection(ClaimsPrincipal user, AuthorizationModel model) => model == AuthorizationModel.ClinicLevel
        ? user.IsInRole(PortalRoles.ClinicManager) && user.ClinicIdOf() is not null
        : ConnectsOwnAccount(user);

    /// <summary>Connecting a staff member's own account at their manager's screen (role-based model only): the manager's
    /// clinic, and someone who holds a Fullscript account of their own.</summary>
    public static bool AllowsConnectOnBehalf(ClaimsPrincipal user, ConnectionSubject subject, IEnumerable<string> subjectRoles, AuthorizationModel model) =>
        model == AuthorizationModel.RoleBased && Allows(user, ConnectionAction.Connect, subject) && ConnectsOwnAccount(subjectRoles);

    /// <summary>Whether the dashboard shows a connection panel: to whoever manages one, holds an account, or has a
    /// connection anyway (one made before their role changed).</summary>
    public static bool ShowsOwnConnection(ClaimsPrincipal user, AuthorizationModel model, bool hasConnection) =>
        ManagesOwnConnection(user, model) || ConnectsOwnAccount(user) || hasConnection;
}
