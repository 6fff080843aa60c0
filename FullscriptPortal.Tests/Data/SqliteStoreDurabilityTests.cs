using System.Data.Common;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FullscriptPortal.Tests.Data;

/// <summary>A relaxed write (the refresh lease) skips the full sync for its own commit only; every other write keeps it.
/// Every connection waits for the writer inside SQLite.</summary>
public sealed class SqliteStoreDurabilityTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"durability-{Guid.NewGuid():N}.db");
    private readonly SynchronousAtSave _seen = new();

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    private PortalDbContext NewContext() => new(new DbContextOptionsBuilder<PortalDbContext>()
        .UseSqlite($"Data Source={_path}")
        .AddInterceptors(SqliteConnectionSetup.Instance, _seen)
        .Options);

    [Fact]
    public async Task The_relaxed_write_commits_at_normal_and_leaves_full_behind()
    {
        await using var db = NewContext();
        db.Clinics.Add(new Clinic { Name = "Northside" });

        await new SqliteStoreDurability().SaveRelaxedAsync(db, CancellationToken.None);

        _seen.Values.Should().Equal(NormalSync);
        (await db.Clinics.CountAsync()).Should().Be(1);
        await db.Database.OpenConnectionAsync();
        (await SynchronousAsync(db.Database.GetDbConnection(), CancellationToken.None)).Should().Be(FullSync);
    }

    [Fact]
    public async Task An_ordinary_write_commits_at_full()
    {
        await using var db = NewContext();
        db.Clinics.Add(new Clinic { Name = "Lakeview" });

        await db.SaveChangesAsync();

        _seen.Values.Should().Equal(FullSync);
    }

    [Fact]
    public async Task A_connection_waits_for_the_writer_inside_SQLite_rather_than_failing_at_once()
    {
        await using var db = NewContext();
        await db.Database.OpenConnectionAsync();
        (await BusyTimeoutAsync(db)).Should().Be(SqliteDatabase.TimeoutSeconds * 1000);
    }

    [Fact]
    public async Task The_simulators_store_waits_for_the_writer_too()
    {
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
            .UseSqlite($"Data Source={_path}").AddInterceptors(SqliteConnectionSetup.WaitOnly).Options);
        await db.Database.OpenConnectionAsync();

        (await BusyTimeoutAsync(db)).Should().Be(SqliteDatabase.TimeoutSeconds * 1000);
    }

    private static async Task<long> BusyTimeoutAsync(PortalDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private const long NormalSync = 1;
    private const long FullSync = 2;

    private static async Task<long> SynchronousAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Reads the connection's synchronous setting just before each commit.</summary>
    private sealed class SynchronousAtSave : SaveChangesInterceptor
    {
        public List<long> Values { get; } = [];

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var database = eventData.Context!.Database;
            await database.OpenConnectionAsync(cancellationToken);
            try
            {
                Values.Add(await SynchronousAsync(database.GetDbConnection(), cancellationToken));
            }
            finally
            {
                await database.CloseConnectionAsync();
            }
            return result;
        }
    }
}
