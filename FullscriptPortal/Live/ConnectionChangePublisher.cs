using System.Collections.Concurrent;
using FullscriptPortal.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FullscriptPortal.Live;

/// <summary>Announces every saved change of a connection, whoever made it (a circuit, an endpoint, the worker), once the
/// change is committed, so no caller can forget to.</summary>
public sealed class ConnectionChangePublisher(ConnectionNotifier notifier) : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<DbContext, ConnectionChange[]> _saving = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var changes = eventData.Context!.ChangeTracker.Entries<FullscriptConnection>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new ConnectionChange(e.Entity.Id, e.Entity.UserId, e.Entity.ClinicId))
            .ToArray();
        if (changes.Length > 0) _saving[eventData.Context] = changes;
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_saving.TryRemove(eventData.Context!, out var changes)) notifier.Publish(changes);
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _saving.TryRemove(eventData.Context!, out _);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }
}
