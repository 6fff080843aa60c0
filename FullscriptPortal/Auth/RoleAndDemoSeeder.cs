using FullscriptPortal.Data;
using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>Makes sure the roles exist and seeds the demo clinics and people where configured (<c>Demo:Seed</c>, on in
/// Development). Runs after the database is migrated.</summary>
internal sealed class RoleAndDemoSeeder(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }

        if (configuration.GetValue("Demo:Seed", environment.IsDevelopment()))
            await DemoSeed.SeedAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(),
                scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>(), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
