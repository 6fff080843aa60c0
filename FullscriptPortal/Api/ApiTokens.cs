using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Clinics;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Api;

/// <summary>Fresh access tokens for API callers, through the same single-flight refresh as every other caller, and the
/// problem to answer when there is none: 409 with a connect link when only the person can fix it, 503 with Retry-After
/// when Fullscript is not answering.</summary>
internal sealed class ApiTokens(IDbContextFactory<PortalDbContext> dbs, ConnectionTokens tokens, Invites invites,
    IOptionsSnapshot<FullscriptOptions> options, TimeProvider time)
{
    /// <summary>The person's token, valid at least <paramref name="minValidity"/> (refreshed first otherwise, and always when
    /// <paramref name="force"/>d because Fullscript refused it), or the problem to answer.</summary>
    public async Task<(ApiTokenLease? Token, IResult? Problem)> GetAsync(HttpContext http, ClaimsPrincipal client, string externalId,
        TimeSpan minValidity, bool force, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var (person, refusal) = await ConnectionsApi.AuthorizeAsync(db, client, externalId, ConnectionAction.Refresh, cancellationToken);
        if (person is null) return (null, refusal);
        var connectionId = await ApiPeople.ConnectionOf(db, person.User, options.Value.AuthorizationModel).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (connectionId is not { } id)
            return (null, await ReconnectProblemAsync(http, client, person, ApiProblems.NotConnectedType, "This person has not connected their Fullscript account.", cancellationToken));

        var actor = client.UserId()!;
        var margin = minValidity > options.Value.RefreshBeforeExpiry ? minValidity : options.Value.RefreshBeforeExpiry;
        var refreshed = await tokens.RefreshAsync(id, actor, force, cancellationToken, margin);
        var (accessToken, outcome) = refreshed.Result is RefreshResult.Refreshed or RefreshResult.NotNeeded
            ? await tokens.GetAccessTokenAsync(id, actor, cancellationToken)
            : (null, refreshed);
        if (accessToken is null)
        {
            return (null, outcome.Result switch
            {
                RefreshResult.WillRetry => ApiProblems.FullscriptUnavailable(OutcomeText.For(outcome), await RetryAfterAsync(db, id, cancellationToken)),
                RefreshResult.NeedsReconnect => await ReconnectProblemAsync(http, client, person, ApiProblems.NeedsReconnectType, OutcomeText.For(outcome), cancellationToken),
                _ => await ReconnectProblemAsync(http, client, person, ApiProblems.NotConnectedType, OutcomeText.For(outcome), cancellationToken),
            });
        }
        var stored = await db.Connections.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.AccessTokenExpiresAt, c.ServerKey }).SingleAsync(cancellationToken);
        return (new ApiTokenLease(id, accessToken, stored.AccessTokenExpiresAt, stored.ServerKey), null);
    }

    /// <summary>409 with a fresh connect link, so the backend can send the person straight to reconnecting.</summary>
    private async Task<IResult> ReconnectProblemAsync(HttpContext http, ClaimsPrincipal client, ApiSubject person, string type, string detail, CancellationToken cancellationToken)
    {
        var link = person.User.DeactivatedAt is null ? await invites.CreateAsync(client, person.User.Id, cancellationToken) : null;
        return ApiProblems.NeedsReconnect(type, detail, link is null ? null : ConnectionsApi.Absolute(http, link.Path), link?.ExpiresAt);
    }

    private async Task<TimeSpan> RetryAfterAsync(PortalDbContext db, Guid connectionId, CancellationToken cancellationToken)
    {
        var next = await db.Connections.Where(c => c.Id == connectionId).Select(c => c.NextRefreshAttemptAt).SingleOrDefaultAsync(cancellationToken);
        var wait = next - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait.Value : TimeSpan.FromSeconds(30);
    }
}
