using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Data;

/// <summary>Applies the committed migrations before the portal serves anyone. Registered as the first hosted service, so
/// it finishes before the others (Data Protection's key ring, the roles and demo seed) start.</summary>
internal sealed class DatabaseInitializer(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        // SQLite: WAL lets the dashboard read while a token write commits; the setting is kept in the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
