using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Simulator;

/// <summary>Creates the simulator's own database when the simulator is mapped, and says once, loudly, that it is.</summary>
internal sealed partial class SimulatorInitializer(IServiceProvider services, ILogger<SimulatorInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!SimulatorRegistration.IsEnabled(services)) return;
        LogSimulatorOn(logger);
        await using var scope = services.CreateAsyncScope();
        var simulator = scope.ServiceProvider.GetRequiredService<SimulatorDbContext>();
        await simulator.Database.MigrateAsync(cancellationToken);
        await simulator.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The embedded Fullscript simulator is on: anyone who reaches its consent page can mint " +
        "tokens for its simulated users. It is a development tool, not for production; set Fullscript:Server to a real server.")]
    private static partial void LogSimulatorOn(ILogger logger);
}
