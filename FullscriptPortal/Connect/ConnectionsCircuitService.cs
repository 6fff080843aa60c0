using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Connect;

/// <summary>One per Blazor circuit: what the signed-in user's dashboard reads and does. It decides whose connection it
/// touches from the circuit's own user, never from a parameter a page could forge.</summary>
public sealed class ConnectionsCircuitService(
    AuthenticationStateProvider authentication,
    IDbContextFactory<PortalDbContext> dbs,
    CodeExchanger exchanger,
    CallbackExchanges callbackExchanges,
    ConnectionProbe probe,
    Disconnector disconnector,
    IOptionsMonitor<FullscriptOptions> options,
    TimeProvider time)
{
    /// <summary>Role-based: the user's own connection. Clinic-level: the clinic's one connection, which every member sees.</summary>
    public async Task<ConnectionView?> GetMyConnectionAsync(CancellationToken cancellationToken = default)
    {
        var user = await CurrentUserAsync();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var connection = await MyConnectionQuery(db, user).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return connection is null ? null : ConnectionView.From(connection);
    }

    /// <summary>Whether this user connects, refreshes and disconnects the connection shown to them.</summary>
    public async Task<bool> CanManageMyConnectionAsync() => CanManage(await CurrentUserAsync());

    /// <summary>Whether the dashboard shows this user a connection panel (see <see cref="ConnectionPolicy.ShowsOwnConnection"/>).</summary>
    public async Task<bool> ShowsMyConnectionAsync(CancellationToken cancellationToken = default) =>
        ConnectionPolicy.ShowsOwnConnection(await CurrentUserAsync(), options.CurrentValue.AuthorizationModel,
            await GetMyConnectionAsync(cancellationToken) is not null);

    /// <summary>True while a code came back from Fullscript and waits to be exchanged.</summary>
    public async Task<bool> HasCodeAwaitingExchangeAsync(CancellationToken cancellationToken = default)
    {
        var userId = (await CurrentUserAsync()).UserId()!;
        var codeWindowStart = time.GetUtcNow() - PendingAuthorization.Lifetime;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.PendingAuthorizations.AnyAsync(p =>
            p.StartedByUserId == userId && p.CodeProtected != null && p.CompletedAt == null && p.CodeReceivedAt > codeWindowStart, cancellationToken);
    }

    /// <summary>Exchanges the newest code that came back to this user's browser (for their own connection, or one they
    /// started on someone's behalf), if any; <c>null</c> when there was none.
    /// The callback usually started the exchange already (<see cref="CallbackExchanges"/>): then this waits for its outcome.</summary>
    public async Task<ExchangeOutcome?> FinishPendingConnectAsync(CancellationToken cancellationToken = default)
    {
        var userId = (await CurrentUserAsync()).UserId()!;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        if (callbackExchanges.Take(userId) is { } started && await started.Outcome is { } startedOutcome)
            return await WithWhomAsync(db, started.PendingId, startedOutcome, userId, cancellationToken);
        var pending = await db.PendingAuthorizations
            .Where(p => p.StartedByUserId == userId && p.CodeProtected != null && p.ExchangeStartedAt == null && p.CompletedAt == null)
            .OrderByDescending(p => p.CodeReceivedAt)
            .Select(p => p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (pending == Guid.Empty) return null;
        var outcome = await exchanger.ExchangeAsync(pending, userId, cancellationToken);
        return outcome is null ? null : await WithWhomAsync(db, pending, outcome, userId, cancellationToken);
    }

    // Started on someone's behalf: the sentences about it name that person, not "your" account.
    private static async Task<ExchangeOutcome> WithWhomAsync(PortalDbContext db, Guid pendingId, ExchangeOutcome outcome, string userId, CancellationToken cancellationToken)
    {
        var forUserId = await db.PendingAuthorizations.Where(p => p.Id == pendingId).Select(p => p.UserId).SingleAsync(cancellationToken);
        return forUserId == userId ? outcome
            : outcome with { OnBehalfOf = await db.Users.Where(u => u.Id == forUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) };
    }

    /// <summary>The newest audit entries about the signed-in user. Entries never hold tokens.</summary>
    public async Task<IReadOnlyList<AuditEntry>> GetMyActivityAsync(int count, CancellationToken cancellationToken = default)
    {
        var userId = (await CurrentUserAsync()).UserId();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Where(e => e.SubjectUserId == userId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(Math.Clamp(count, 1, 200)).ToListAsync(cancellationToken);
    }

    /// <summary>The portal users among <paramref name="actorIds"/> (audit actors), by id, with their name and role.</summary>
    public async Task<IReadOnlyDictionary<string, ActorInfo>> GetActorsAsync(IEnumerable<string> actorIds, CancellationToken cancellationToken = default)
    {
        var ids = actorIds.Distinct().Take(100).ToList();
        if (ids.Count == 0) return new Dictionary<string, ActorInfo>();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => new ActorInfo(u.DisplayName,
            roles.Any(r => r.UserId == u.Id && r.Name == PortalRoles.Support),
            roles.Any(r => r.UserId == u.Id && r.Name == PortalRoles.ClinicManager)));
    }

    /// <summary>Refreshes now and proves the connection with Fullscript's clinic call.</summary>
    public async Task<RefreshOutcome> RefreshNowAsync(CancellationToken cancellationToken = default)
    {
        var (user, connectionId) = await ManagedConnectionAsync(cancellationToken);
        if (connectionId is not { } id) return new(RefreshResult.NotRefreshable, RefreshCode.NoConnectionOfYours);
        // Forced, so "Refresh now" really rotates the pair; the probe then proves the new access token works.
        return await probe.RefreshThenCheckAsync(id, user.UserId()!, cancellationToken);
    }

    public async Task<DisconnectOutcome> DisconnectAsync(CancellationToken cancellationToken = default)
    {
        var (user, connectionId) = await ManagedConnectionAsync(cancellationToken);
        return connectionId is { } id
            ? await disconnector.DisconnectAsync(id, user.UserId()!, StateReasons.DisconnectedBy(user.DisplayNameOf()), cancellationToken)
            : new(DisconnectResult.NotFound, DisconnectCode.NoConnectionOfYours);
    }

    private async Task<(ClaimsPrincipal User, Guid? ConnectionId)> ManagedConnectionAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        if (!CanManage(user)) return (user, null);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return (user, await MyConnectionQuery(db, user).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken));
    }

    private IQueryable<FullscriptConnection> MyConnectionQuery(PortalDbContext db, ClaimsPrincipal user)
    {
        if (options.CurrentValue.AuthorizationModel == AuthorizationModel.ClinicLevel)
        {
            var clinicId = user.ClinicIdOf();
            return db.Connections.Where(c => clinicId != null && c.ClinicId == clinicId);
        }
        var userId = user.UserId();
        return db.Connections.Where(c => c.UserId == userId);
    }

    private bool CanManage(ClaimsPrincipal user) => ConnectionPolicy.ManagesOwnConnection(user, options.CurrentValue.AuthorizationModel);

    private async Task<ClaimsPrincipal> CurrentUserAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.UserId() is null ? throw new InvalidOperationException("The dashboard's circuit has no signed-in user.") : user;
    }
}
