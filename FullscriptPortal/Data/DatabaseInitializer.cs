using FullscriptPortal.Auth;
using FullscriptPortal.Simulator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Data;

/// <summary>Applies the committed migrations before the portal serves anyone, makes sure the roles exist, and seeds the
/// demo data where configured. Registered as the first hosted service, so it finishes before the others start.</summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets the dashboard read while a token write commits; the setting is kept in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }

        if (configuration.GetValue("Demo:Seed", environment.IsDevelopment()))
            await DemoSeed.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>(), cancellationToken);

        if (SimulatorRegistration.IsEnabled(services))
        {
            var simulator = scope.ServiceProvider.GetRequiredService<SimulatorDbContext>();
            await simulator.Database.MigrateAsync(cancellationToken);
            await simulator.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
