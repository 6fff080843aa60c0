using System.Data.Common;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Live;

/// <summary>Tells the other portal instances about saved connection changes, with <c>pg_notify</c> on the connection
/// that saved them (PostgreSQL delivers a notice only once its transaction commits). On SQLite there is one process, and
/// nothing to tell.</summary>
public sealed partial class CrossInstanceBroadcast(PortalInstance instance, ILogger<CrossInstanceBroadcast> logger)
{
    public async Task SendAsync(DbContext db, IReadOnlyList<ConnectionChange> changes)
    {
        if (!db.Database.IsNpgsql()) return;
        try
        {
            // Not the caller's token: the change is saved, and the other instances must hear of it even if the caller
            // has stopped waiting.
            foreach (var payload in ChangeNotice.Encode(instance.Id, changes))
                await db.Database.ExecuteSqlAsync($"SELECT pg_notify({CrossInstanceChannel.Name}, {payload})", CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            // The change is saved and this instance's dashboards have it; the others show it at their next change or reload.
            LogNotifyFailed(ex, changes.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other instances about {Count} connection change(s)")]
    private partial void LogNotifyFailed(Exception exception, int count);
}
