using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Simulator;

/// <summary>Creates the simulator's own database when the simulator is mapped.</summary>
internal sealed class SimulatorInitializer(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!SimulatorRegistration.IsEnabled(services)) return;
        await using var scope = services.CreateAsyncScope();
        var simulator = scope.ServiceProvider.GetRequiredService<SimulatorDbContext>();
        await simulator.Database.MigrateAsync(cancellationToken);
        await simulator.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
