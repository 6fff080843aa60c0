using System.Collections.Concurrent;
using System.Data.Common;
using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FullscriptPortal.Live;

/// <summary>Announces every saved change of a connection, whoever made it (a circuit, an endpoint, the worker), once the
/// change is committed, so no caller can forget to: to this process's dashboards, and (on PostgreSQL) to the other
/// instances'.</summary>
public sealed class ConnectionChangePublisher(ConnectionNotifier notifier, CrossInstanceBroadcast broadcast) : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<DbContext, ConnectionChange[]> _saving = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var changes = eventData.Context!.ChangeTracker.Entries<FullscriptConnection>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new ConnectionChange(e.Entity.Id, e.Entity.UserId, e.Entity.ClinicId, Version: e.Entity.Version, State: e.Entity.State))
            .ToArray();
        if (changes.Length > 0) _saving[eventData.Context] = changes;
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_saving.TryRemove(eventData.Context!, out var saved))
        {
            var changes = await WithPeoplesClinicsAsync(eventData.Context!, saved, cancellationToken);
            notifier.Publish(changes);
            await broadcast.SendAsync(eventData.Context!, changes);
        }
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    // A person's connection does not name their clinic, and their manager's page listens by clinic: look it up once the
    // change is saved (one small query by key), so the manager's counts and queue follow it.
    private static async Task<ConnectionChange[]> WithPeoplesClinicsAsync(DbContext db, ConnectionChange[] changes, CancellationToken cancellationToken)
    {
        var userIds = changes.Where(c => c.UserId is not null).Select(c => c.UserId!).Distinct().ToArray();
        if (userIds.Length == 0) return changes;
        try
        {
            var clinics = await db.Set<PortalUser>().AsNoTracking().Where(u => userIds.Contains(u.Id) && u.ClinicId != null)
                .Select(u => new { u.Id, u.ClinicId }).ToDictionaryAsync(u => u.Id, u => u.ClinicId, cancellationToken);
            return [.. changes.Select(c => c.UserId is { } id && clinics.TryGetValue(id, out var clinicId) ? c with { PersonClinicId = clinicId } : c)];
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbException or OperationCanceledException)
        {
            // The change was saved: announce it without the clinic rather than not at all.
            return changes;
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _saving.TryRemove(eventData.Context!, out _);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }
}
