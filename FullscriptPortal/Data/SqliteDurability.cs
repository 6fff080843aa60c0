using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FullscriptPortal.Data;

/// <summary>Fullscript rotates refresh tokens, so a committed token write that a power cut undoes loses the connection.
/// In WAL mode SQLite's default (NORMAL) may lose the last commits on power loss; FULL syncs the WAL at every commit, so
/// a SaveChanges that returned is on disk. The setting is per connection, hence set on every open.</summary>
public sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();

    private const string Pragma = "PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }
}
