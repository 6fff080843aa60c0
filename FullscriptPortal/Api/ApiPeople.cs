using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Api;

/// <summary>Reads people and their connections for the API: by external id, and as the API's shapes.</summary>
internal static class ApiPeople
{
    /// <summary>API role names, for the roles the API may give (never support).</summary>
    public static readonly IReadOnlyDictionary<string, string> Roles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["practitioner"] = PortalRoles.Practitioner,
        ["staff"] = PortalRoles.Staff,
        ["manager"] = PortalRoles.ClinicManager,
    };

    public static string ApiRoleName(string portalRole) =>
        Roles.FirstOrDefault(r => r.Value == portalRole).Key ?? portalRole.ToLowerInvariant();

    public static async Task<ApiSubject?> FindAsync(PortalDbContext db, string externalId, CancellationToken cancellationToken)
    {
        if (!ExternalIds.IsValid(externalId)) return null;
        var found = await (
            from user in db.Users.Include(u => u.Clinic)
            where user.ExternalId == externalId
            select new
            {
                user,
                Role = (from userRole in db.UserRoles join role in db.Roles on userRole.RoleId equals role.Id where userRole.UserId == user.Id select role.Name).FirstOrDefault(),
            }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : new ApiSubject(found.user, found.Role ?? "", found.user.Clinic?.ExternalId);
    }

    public static ApiPerson Person(PortalUser user, string role, string? clinicExternalId) =>
        new(user.ExternalId, user.Email ?? "", user.DisplayName, ApiRoleName(role), clinicExternalId, user.DeactivatedAt is null);

    /// <summary>The person's connection: their own (role-based), or their clinic's one (clinic-level).</summary>
    public static IQueryable<FullscriptConnection> ConnectionOf(PortalDbContext db, PortalUser user, AuthorizationModel model) =>
        model == AuthorizationModel.ClinicLevel
            ? db.Connections.Where(c => user.ClinicId != null && c.ClinicId == user.ClinicId)
            : db.Connections.Where(c => c.UserId == user.Id);

    public static ApiConnection Connection(ApiPerson person, FullscriptConnection? connection, DateTimeOffset now, TimeSpan refreshBeforeExpiry)
    {
        if (connection is null)
            return new(person, ConnectionState.NotConnected, null, null, null, [], null, null, null, null, null, Healthy: false, NeedsReconnect: true);
        var view = ConnectionView.From(connection);
        var state = view.StateAt(now);
        var holdsTokens = connection.RefreshTokenProtected is not null && connection.DisconnectRequestedAt is null;
        var healthy = holdsTokens && state is ConnectionState.Active or ConnectionState.Expired;
        var needsPerson = state is ConnectionState.NeedsReconnect or ConnectionState.Revoked or ConnectionState.NotConnected;
        DateTimeOffset? nextRefresh = !holdsTokens ? null : connection.NextRefreshAttemptAt ?? connection.AccessTokenExpiresAt - refreshBeforeExpiry;
        return new(person, state, connection.StateReason, connection.ServerKey,
            new ApiFullscriptAccount(connection.ResourceOwnerId, connection.ResourceOwnerType, connection.FullscriptClinicId, connection.FullscriptClinicName),
            view.Scopes, connection.ConnectedAt, holdsTokens ? connection.AccessTokenExpiresAt : null, connection.LastRefreshedAt, nextRefresh,
            connection.FirstFailureAt, healthy, needsPerson);
    }
}
