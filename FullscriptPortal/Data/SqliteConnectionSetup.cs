using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FullscriptPortal.Data;

/// <summary>What every SQLite connection is set to on open (both settings are per connection).
/// <list type="bullet">
/// <item>Durability: Fullscript rotates refresh tokens, so a committed token write that a power cut undoes loses the
/// connection. In WAL mode SQLite's default (NORMAL) may lose the last commits on power loss; FULL syncs the WAL at every
/// commit, so a SaveChanges that returned is on disk.</item>
/// <item>Waiting for the writer: SQLite has one writer at a time. Without a busy timeout a write that finds the lock
/// taken fails at once, and Microsoft.Data.Sqlite retries it only after sleeping 150 ms; with one, SQLite waits in steps
/// of a few milliseconds, so concurrent refreshes queue for milliseconds rather than a sixth of a second each.</item>
/// </list></summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    // Declared first: the instances below are built from it.
    private static readonly string WaitForWriter = $"PRAGMA busy_timeout={SqliteDatabase.TimeoutSeconds * 1000};";

    /// <summary>The portal's store: both settings.</summary>
    public static readonly SqliteConnectionSetup Instance = new($"PRAGMA synchronous=FULL; {WaitForWriter}");

    /// <summary>The simulator's store, which keeps SQLite's default sync: it waits for the writer as the portal's does,
    /// so its token calls under load are not slowed by the driver's retry sleep (a baseline that flattered the portal).</summary>
    public static readonly SqliteConnectionSetup WaitOnly = new(WaitForWriter);

    private readonly string _pragma;

    private SqliteConnectionSetup(string pragma) => _pragma = pragma;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }
}
