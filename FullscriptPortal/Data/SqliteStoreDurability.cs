using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Data;

/// <summary>SQLite: every connection runs with <c>synchronous=FULL</c> (see <see cref="SqliteConnectionSetup"/>); a relaxed
/// write drops to NORMAL for its one commit and restores FULL afterwards. The caller keeps the connection open, so the
/// setting and the write share it.</summary>
public sealed class SqliteStoreDurability : IStoreDurability
{
    public async Task SaveRelaxedAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=FULL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
    }
}
