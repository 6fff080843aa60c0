using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.People;

/// <summary>Reads one person's <see cref="PersonDetail"/> for a viewer. Scope comes from <see cref="ConnectionDirectory"/>:
/// a person the viewer may not see (another clinic's, say) gives null, the same as nobody.</summary>
public sealed class PersonDetailQuery(ConnectionDirectory directory, IDbContextFactory<PortalDbContext> dbs)
{
    /// <summary>How many audit entries the panel shows; the audit page has the rest.</summary>
    public const int TimelineLength = 50;

    public async Task<PersonDetail?> DetailAsync(ClaimsPrincipal viewer, string? userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > 450) return null;
        if (await directory.RowAsync(viewer, userId, cancellationToken) is not { } row) return null;

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var connectionId = row.Connection?.Id;
        var failure = connectionId is { } id
            ? await db.Connections.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.FirstFailureAt, c.ConsecutiveFailures }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.SubjectUserId == userId || (connectionId != null && e.ConnectionId == connectionId))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(TimelineLength)
            .ToListAsync(cancellationToken);
        var actorIds = entries.Select(e => e.ActorUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var timeline = entries.Select(e => new AuditRow(e, names.GetValueOrDefault(e.ActorUserId) ?? ActorWithoutAccount(e.ActorUserId), row.DisplayName)).ToList();
        return new PersonDetail(row, failure?.FirstFailureAt, failure?.ConsecutiveFailures ?? 0, timeline);
    }

    // As the audit page says it: the worker, an API key by name, or someone since removed. Never an id.
    private static string ActorWithoutAccount(string actor) => actor switch
    {
        AuditActions.System => "Background worker",
        _ when actor.StartsWith("api:", StringComparison.Ordinal) => $"API key \u201c{actor["api:".Length..]}\u201d",
        _ => AuditTrailQuery.RemovedPerson,
    };
}
