using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Live;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tests.Infrastructure.Postgres;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FullscriptPortal.Tests.Live;

/// <summary>The listener on a real PostgreSQL server: what other instances NOTIFY reaches this process's notifier, its own
/// notices and strangers' do not, and a dropped connection is reopened.</summary>
public sealed class CrossInstanceListenerTests : IAsyncLifetime, IDisposable
{
    private readonly string _database = PostgresServer.Shared.CreateDatabase();
    private readonly ConnectionNotifier _notifier = new(NullLogger<ConnectionNotifier>.Instance);
    private readonly PortalInstance _instance = new();
    private readonly List<ConnectionChange> _delivered = [];
    private CrossInstanceListener _listener = null!;

    public async Task InitializeAsync()
    {
        _notifier.Subscribe(ChangeKey.All, change =>
        {
            lock (_delivered) _delivered.Add(change);
            return Task.CompletedTask;
        });
        _listener = new CrossInstanceListener(new ContextFactory(_database), _notifier, _instance, NullLogger<CrossInstanceListener>.Instance);
        await _listener.StartAsync(CancellationToken.None);
        await Poll.UntilAsync(() => _listener.IsListening, "the listener listens");
    }

    [Fact]
    public async Task Another_instance_s_change_reaches_this_notifier_and_this_instance_s_own_does_not()
    {
        var mine = new ConnectionChange(Guid.NewGuid(), "u", 1, 1, 2, ConnectionState.Active);
        var theirs = new ConnectionChange(Guid.NewGuid(), "u", 1, 1, 5, ConnectionState.Revoked);

        await PostgresNotices.SendAsync(_database, ChangeNotice.Encode(_instance.Id, [mine]).Single());
        await PostgresNotices.SendAsync(_database, ChangeNotice.Encode("another-instance", [theirs]).Single());
        await Poll.UntilAsync(() => _listener.Heard == 2, "both notices are heard");

        lock (_delivered) _delivered.Should().Equal(theirs);
    }

    [Fact]
    public async Task A_stranger_s_message_on_the_channel_is_ignored_and_listening_goes_on()
    {
        var theirs = new ConnectionChange(Guid.NewGuid(), null, 7, Version: 1, State: ConnectionState.Active);

        await PostgresNotices.SendAsync(_database, "not a change notice");
        await PostgresNotices.SendAsync(_database, ChangeNotice.Encode("another-instance", [theirs]).Single());
        await Poll.UntilAsync(() => _listener.Heard == 2, "both notices are heard");

        lock (_delivered) _delivered.Should().Equal(theirs);
    }

    [Fact]
    public async Task A_dropped_listening_connection_is_reopened_and_changes_flow_again()
    {
        await using (var admin = new NpgsqlConnection(_database))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'FullscriptPortal live updates' AND datname = current_database()", admin);
            await kill.ExecuteNonQueryAsync();
        }
        await Poll.UntilAsync(() => !_listener.IsListening, "the listener notices its connection is gone");
        await Poll.UntilAsync(() => _listener.IsListening, "the listener listens again");

        var theirs = new ConnectionChange(Guid.NewGuid(), "u", null, Version: 3, State: ConnectionState.NeedsReconnect);
        await PostgresNotices.SendAsync(_database, ChangeNotice.Encode("another-instance", [theirs]).Single());
        await Poll.UntilAsync(() => { lock (_delivered) return _delivered.Count == 1; }, "the change is delivered");

        lock (_delivered) _delivered.Should().Equal(theirs);
    }

    public Task DisposeAsync() => _listener.StopAsync(CancellationToken.None);

    public void Dispose() => _listener.Dispose();

    private sealed class ContextFactory(string connectionString) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(connectionString).Options);
    }
}
