namespace FullscriptPortal.Data;

/// <summary>PostgreSQL: every commit is durable (synchronous_commit on, the server's default), a relaxed write included;
/// the lease is one small row, so there is nothing worth relaxing.</summary>
public sealed class PostgresStoreDurability : IStoreDurability
{
    public async Task SaveRelaxedAsync(PortalDbContext db, CancellationToken cancellationToken) => await db.SaveChangesAsync(cancellationToken);
}
