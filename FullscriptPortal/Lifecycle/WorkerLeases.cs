using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Lifecycle;

/// <summary>Exactly one active instance per piece of background work: take the named lease if free or expired, renew it
/// if ours.</summary>
public static class WorkerLeases
{
    public static async Task<bool> HoldAsync(IDbContextFactory<PortalDbContext> dbs, string name, string owner, DateTimeOffset now,
        TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var until = now + duration;
        var renewed = await db.WorkerLeases.Where(l => l.Name == name && (l.Owner == owner || l.Until < now))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Owner, owner).SetProperty(x => x.Until, until), cancellationToken);
        if (renewed == 1) return true;
        if (await db.WorkerLeases.AnyAsync(l => l.Name == name, cancellationToken)) return false;
        db.WorkerLeases.Add(new WorkerLease { Name = name, Owner = owner, Until = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance created it a moment earlier
        }
    }
}
