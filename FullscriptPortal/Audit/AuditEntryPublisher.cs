using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FullscriptPortal.Audit;

/// <summary>Announces added audit entries once they are committed, whoever wrote them, so no writer can forget to.</summary>
public sealed class AuditEntryPublisher(AuditNotifier notifier) : SaveChangesInterceptor
{
    private readonly ConcurrentDictionary<DbContext, bool> _saving = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added)) _saving[eventData.Context] = true;
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_saving.TryRemove(eventData.Context!, out _)) notifier.Publish();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _saving.TryRemove(eventData.Context!, out _);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }
}
