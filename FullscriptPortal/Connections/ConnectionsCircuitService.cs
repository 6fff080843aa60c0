using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Connections;

/// <summary>One per Blazor circuit: what the signed-in user's dashboard reads and does. It decides whose connection it
/// touches from the circuit's own user, never from a parameter a page could forge.</summary>
public sealed class ConnectionsCircuitService(
    AuthenticationStateProvider authentication,
    IDbContextFactory<PortalDbContext> dbs,
    CodeExchanger exchanger,
    TimeProvider time)
{
    public async Task<ConnectionView?> GetMyConnectionAsync(CancellationToken cancellationToken = default)
    {
        var userId = await CurrentUserIdAsync();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        return connection is null ? null : ConnectionView.From(connection);
    }

    /// <summary>True while a code came back from Fullscript and waits to be exchanged.</summary>
    public async Task<bool> HasCodeAwaitingExchangeAsync(CancellationToken cancellationToken = default)
    {
        var userId = await CurrentUserIdAsync();
        var codeWindowStart = time.GetUtcNow() - PendingAuthorization.Lifetime;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return await db.PendingAuthorizations.AnyAsync(p =>
            p.UserId == userId && p.CodeProtected != null && p.CompletedAt == null && p.CodeReceivedAt > codeWindowStart, cancellationToken);
    }

    /// <summary>Exchanges the newest code that came back for this user, if any; <c>null</c> when there was none.</summary>
    public async Task<ExchangeOutcome?> FinishPendingConnectAsync(CancellationToken cancellationToken = default)
    {
        var userId = await CurrentUserIdAsync();
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var pendingId = await db.PendingAuthorizations
            .Where(p => p.UserId == userId && p.CodeProtected != null && p.ExchangeStartedAt == null && p.CompletedAt == null)
            .OrderByDescending(p => p.CodeReceivedAt)
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return pendingId is { } id ? await exchanger.ExchangeAsync(id, userId, cancellationToken) : null;
    }

    private async Task<string> CurrentUserIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.UserId() ?? throw new InvalidOperationException("The dashboard's circuit has no signed-in user.");
    }

    public static bool ConnectsOwnAccount(ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.Practitioner) || user.IsInRole(PortalRoles.Staff);
}
