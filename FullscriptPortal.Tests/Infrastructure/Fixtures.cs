using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Infrastructure;

public static class DemoPeople
{
    public const string DrLee = "dr.lee@northside.test";
    public const string SamFront = "sam.front@northside.test";
    public const string DrPatel = "dr.patel@lakeview.test";
    public const string Manager = "manager@northside.test";
    public const string Support = "support@portal.test";

    public static string FullscriptIdOf(string email) => SimulatedDirectory.Users.Single(u => u.Email == email).Id;
}

public static class PortalFactoryExtensions
{
    public static async Task<T> QueryAsync<T>(this PortalFactory factory, Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public static Task<FullscriptConnection?> ConnectionOfAsync(this PortalFactory factory, string userId) =>
        factory.QueryAsync(db => db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId));
}
