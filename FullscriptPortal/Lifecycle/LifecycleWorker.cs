using FullscriptPortal.Tokens;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Lifecycle;

/// <summary>Runs a <see cref="LifecycleSweep"/> every <c>Tokens:WorkerInterval</c> on the injected clock.</summary>
public sealed partial class LifecycleWorker(IServiceScopeFactory scopes, IOptionsMonitor<TokenOptions> options, WorkerHeartbeat heartbeat, TimeProvider time, ILogger<LifecycleWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.WorkerEnabled) return;
        using var timer = new PeriodicTimer(options.CurrentValue.WorkerInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<LifecycleSweep>().RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad pass must not stop the worker; the next tick tries again.
                LogSweepFailed(ex);
                heartbeat.Failed(time.GetUtcNow(), ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A lifecycle sweep failed")]
    private partial void LogSweepFailed(Exception exception);
}
