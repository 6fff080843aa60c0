using FullscriptPortal.Data;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FullscriptPortal.Live;

/// <summary>On PostgreSQL, hears the changes other instances saved (<c>LISTEN</c> on one dedicated connection) and hands
/// them to this process's <see cref="ConnectionNotifier"/>, so its dashboards show them as if made here. A lost
/// connection is reopened with back-off; nothing here ever stops the portal.</summary>
public sealed partial class CrossInstanceListener(IDbContextFactory<PortalDbContext> dbs, ConnectionNotifier notifier, PortalInstance instance,
    ILogger<CrossInstanceListener> logger) : BackgroundService
{
    /// <summary>After this long without a notice the connection is proved with a query, so a silently dead one is noticed.</summary>
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private long _heard;
    private volatile bool _listening;

    /// <summary>True while the <c>LISTEN</c> connection is open (always false on SQLite).</summary>
    public bool IsListening => _listening;

    /// <summary>Notices heard and handled since start, this instance's own (skipped) and unreadable ones among them.</summary>
    public long Heard => Interlocked.Read(ref _heard);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var db = await dbs.CreateDbContextAsync(stoppingToken))
        {
            if (!db.Database.IsNpgsql()) return; // SQLite: one process, and the in-process notifier is all there is
            connectionString = ListenerConnectionString(db.Database.GetConnectionString()!);
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {CrossInstanceChannel.Name}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                _listening = true;
                if (failures > 0) LogListeningAgain(failures);
                failures = 0;
                while (true)
                {
                    if (await connection.WaitAsync(IdleCheck, stoppingToken)) continue;
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _listening = false;
                failures++;
                var wait = Backoff(failures);
                LogListeningLost(ex, wait.TotalSeconds);
                try
                {
                    // Network time between attempts, not business time: the wall clock on purpose.
                    await Task.Delay(wait, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(string payload)
    {
        try
        {
            if (ChangeNotice.Decode(payload) is not { } notice)
            {
                LogUnreadableNotice(payload.Length);
                return;
            }
            // This instance's own changes reached its dashboards when they were saved.
            if (notice.Instance == instance.Id) return;
            notifier.Publish(notice.Changes);
        }
        finally
        {
            // Counted once handled, so whoever reads the count knows the notice has been passed on (or dropped).
            Interlocked.Increment(ref _heard);
        }
    }

    /// <summary>1, 2, 4 ... seconds, at most <see cref="MaxBackoff"/>.</summary>
    public static TimeSpan Backoff(int failures) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 10))));

    /// <summary>The portal's own connection string, for a connection of its own: out of the pool (a LISTEN must not be
    /// handed to another caller) and with TCP keep-alives, so a vanished server is noticed.</summary>
    private static string ListenerConnectionString(string portal) =>
        new NpgsqlConnectionStringBuilder(portal) { Pooling = false, KeepAlive = 15, ApplicationName = "FullscriptPortal live updates" }.ToString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live updates from other instances stopped; listening again in {Seconds} s")]
    private partial void LogListeningLost(Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live updates from other instances resumed after {Failures} failed attempt(s)")]
    private partial void LogListeningAgain(int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a notice of {Length} characters on the live-updates channel that is not a connection change")]
    private partial void LogUnreadableNotice(int length);
}
