using FullscriptPortal.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>Makes the next writes of a new refresh token fail, as a full disk or a locked database would.</summary>
public sealed class FailingTokenWrites : SaveChangesInterceptor
{
    private int _failNext;

    public void FailNext(int count) => Interlocked.Exchange(ref _failNext, count);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var writesRefreshToken = eventData.Context!.ChangeTracker.Entries<FullscriptConnection>()
            .Any(e => e.State == EntityState.Modified && e.Property(c => c.RefreshTokenProtected).IsModified && e.Entity.RefreshTokenProtected is not null);
        if (writesRefreshToken && Interlocked.Decrement(ref _failNext) >= 0)
            throw new DbUpdateException("Injected failure: the token write did not reach the disk.");
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
