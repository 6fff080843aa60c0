using System.Security.Claims;
using System.Text.RegularExpressions;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Audit;

/// <summary>Support's view of the audit trail: filtered and paged in the database, newest first. Support only.</summary>
public sealed partial class AuditTrailQuery(IDbContextFactory<PortalDbContext> dbs)
{
    public async Task<(IReadOnlyList<AuditRow> Rows, int Total)> QueryAsync(ClaimsPrincipal viewer, AuditFilter filter, CancellationToken cancellationToken = default)
    {
        if (!viewer.IsInRole(PortalRoles.Support)) return ([], 0);
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (Clip(filter.Action) is { } action) entries = entries.Where(e => e.Action == action);
        if (Clip(filter.Outcome) is { } outcome) entries = entries.Where(e => e.Outcome == outcome);
        if (Clip(filter.RequestId) is { } requestId) entries = entries.Where(e => e.FullscriptRequestId == requestId);
        if (filter.From is { } from) entries = entries.Where(e => e.At >= from);
        if (filter.To is { } to) entries = entries.Where(e => e.At < to);
        if (Clip(filter.Person) is { } person)
        {
            var pattern = LikePattern.Containing(person);
#pragma warning disable CA1304, CA1311 // ToLower() here is SQL lower(), run by the database.
            var people = db.Users.Where(u => EF.Functions.Like(u.DisplayName.ToLower(), pattern, LikePattern.Escape) || EF.Functions.Like(u.Email!.ToLower(), pattern, LikePattern.Escape)).Select(u => u.Id);
#pragma warning restore CA1304, CA1311
            entries = entries.Where(e => people.Contains(e.ActorUserId) || people.Contains(e.SubjectUserId!));
        }

        var total = await entries.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var rows = await (
            from e in entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(Math.Max(filter.Page, 0) * pageSize).Take(pageSize)
            join actor in db.Users on e.ActorUserId equals actor.Id into actors
            from actor in actors.DefaultIfEmpty()
            join subject in db.Users on e.SubjectUserId equals subject.Id into subjects
            from subject in subjects.DefaultIfEmpty()
            select new { e, Actor = actor == null ? null : actor.DisplayName, Subject = subject == null ? null : subject.DisplayName })
            .ToListAsync(cancellationToken);
        await NameTheIdsInDetailsAsync(db, [.. rows.Select(r => r.e)], cancellationToken);
        return ([.. rows.Select(r => new AuditRow(r.e, r.Actor ?? ActorWithoutAccount(r.e.ActorUserId), r.Subject ?? (r.e.SubjectUserId is null ? null : RemovedPerson)))], total);
    }

    /// <summary>The outcomes recorded so far (for one event when <paramref name="action"/> is set), for the outcome select.</summary>
    public async Task<IReadOnlyList<string>> OutcomesAsync(ClaimsPrincipal viewer, string? action, CancellationToken cancellationToken = default)
    {
        if (!viewer.IsInRole(PortalRoles.Support)) return [];
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (Clip(action) is { } a) entries = entries.Where(e => e.Action == a);
        return await entries.Select(e => e.Outcome).Distinct().OrderBy(o => o).Take(200).ToListAsync(cancellationToken);
    }

    public const string RemovedPerson = "A removed user";

    /// <summary>Some details name a person by id ("invite from 3f2a…"): shown with their name instead. The entries are
    /// read-only copies (no tracking), so nothing is written back.</summary>
    private static async Task NameTheIdsInDetailsAsync(PortalDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var ids = entries.SelectMany(e => UserIdText().Matches(e.Detail ?? "").Select(m => m.Value)).Distinct().ToList();
        if (ids.Count == 0) return;
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        foreach (var entry in entries.Where(e => e.Detail is not null))
            entry.Detail = UserIdText().Replace(entry.Detail!, m => names.GetValueOrDefault(m.Value, m.Value));
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex UserIdText();

    // Who acted when no portal account says so: the worker, an API key (its name), or someone since removed. Never an id.
    private static string ActorWithoutAccount(string actor) => actor switch
    {
        AuditActions.System => "Background worker",
        _ when actor.StartsWith(ApiKeyPrefix, StringComparison.Ordinal) => $"API key \u201c{actor[ApiKeyPrefix.Length..]}\u201d",
        _ => RemovedPerson,
    };

    // Api/ApiActor's mark of a machine client; spelled here because Audit/ knows no feature room.
    private const string ApiKeyPrefix = "api:";

    private static string? Clip(string? text) => text?.Trim() is { Length: > 0 } t ? t[..Math.Min(t.Length, AuditFilter.MaxTextLength)] : null;
}
