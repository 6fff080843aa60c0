namespace FullscriptPortal.Data;

/// <summary>The database-specific part of how durable a write must be. Token writes are always fully durable; a write
/// that may be lost on a power cut without harm (a refresh lease, which then only expires sooner) may be cheaper.</summary>
public interface IStoreDurability
{
    /// <summary>Saves <paramref name="db"/>'s changes without waiting for them to reach the disk, where the database
    /// allows that; exceptions of SaveChanges (concurrency included) pass through.</summary>
    Task SaveRelaxedAsync(PortalDbContext db, CancellationToken cancellationToken);
}
