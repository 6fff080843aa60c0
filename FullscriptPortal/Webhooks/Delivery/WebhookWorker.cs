using FullscriptPortal.Tokens;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Webhooks;

/// <summary>Runs a <see cref="WebhookDeliveryPass"/> every <c>Webhooks:WorkerInterval</c> on the injected clock.</summary>
public sealed partial class WebhookWorker(IServiceScopeFactory scopes, IOptionsMonitor<TokenOptions> tokenOptions, IOptionsMonitor<WebhookOptions> options,
    TimeProvider time, ILogger<WebhookWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Tests switch all background work off with Tokens:WorkerEnabled and run the pass themselves.
        if (!tokenOptions.CurrentValue.WorkerEnabled || !options.CurrentValue.WorkerEnabled) return;
        using var timer = new PeriodicTimer(options.CurrentValue.WorkerInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WebhookDeliveryPass>().RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad pass must not stop delivery; the next tick tries again.
                LogPassFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook delivery pass failed")]
    private partial void LogPassFailed(Exception exception);
}
