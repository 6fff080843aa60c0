using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FullscriptPortal.Connections;

/// <summary>Bumps <see cref="FullscriptConnection.Version"/> on every write. Version is a concurrency token, so EF Core
/// updates a row only if nobody wrote it since it was read: two instances can never silently overwrite each other's
/// token pair.</summary>
public sealed class ConnectionVersioning : SaveChangesInterceptor
{
    public static readonly ConnectionVersioning Instance = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        foreach (var entry in eventData.Context!.ChangeTracker.Entries<FullscriptConnection>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified) entry.Entity.Version++;
        }
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
