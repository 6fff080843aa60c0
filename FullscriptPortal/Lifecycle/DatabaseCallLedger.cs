using FullscriptPortal.Data;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Lifecycle;

/// <summary>The ledger in the portal database, on either provider: one row per instance and second, added to with an
/// atomic upsert (no read, no conflict between instances), read as one indexed sum over the window.</summary>
internal sealed class DatabaseCallLedger(IDbContextFactory<PortalDbContext> dbs, PortalInstance instance, TimeProvider time) : IFullscriptCallLedger
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private long _prunedAt;

    public async Task AddAsync(IReadOnlyCollection<KeyValuePair<long, int>> callsBySecond, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (second, calls) in callsBySecond)
        {
            // Both SQLite and PostgreSQL read this statement alike.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "FullscriptCallCounts" ("Instance", "UnixSecond", "Calls") VALUES ({instance.Id}, {second}, {calls})
                ON CONFLICT ("Instance", "UnixSecond") DO UPDATE SET "Calls" = "FullscriptCallCounts"."Calls" + excluded."Calls"
                """, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> OthersSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var first = since.ToUnixTimeSeconds() + 1;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (now.ToUnixTimeSeconds() - Interlocked.Read(ref _prunedAt) > 60)
        {
            Interlocked.Exchange(ref _prunedAt, now.ToUnixTimeSeconds());
            var before = (now - KeepFor).ToUnixTimeSeconds();
            await db.FullscriptCallCounts.Where(c => c.UnixSecond < before).ExecuteDeleteAsync(cancellationToken);
        }
        return await db.FullscriptCallCounts.Where(c => c.Instance != instance.Id && c.UnixSecond >= first).SumAsync(c => c.Calls, cancellationToken);
    }
}
