using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.People.Bulk;

/// <summary>The people a bulk action needs: Dr. Avery Chen, a third Northside practitioner the simulator knows (removed by
/// the next reset), connections made over real HTTP, and rows as the grid would hold them.</summary>
public static class BulkPeople
{
    public const string DrChen = "dr.chen@northside.test";

    public static async Task AddDrChenAsync(PortalFactory portal)
    {
        var clinic = await portal.QueryAsync(db => db.Clinics.SingleAsync(c => c.Name == DemoSeed.Northside));
        await portal.InScopeAsync<UserManager<PortalUser>, bool>(async users =>
        {
            var user = new PortalUser { UserName = DrChen, Email = DrChen, EmailConfirmed = true, DisplayName = "Dr. Avery Chen", ClinicId = clinic.Id };
            (await users.CreateAsync(user, DemoSeed.Password)).Succeeded.Should().BeTrue();
            (await users.AddToRoleAsync(user, PortalRoles.Practitioner)).Succeeded.Should().BeTrue();
            return true;
        });
    }

    public static async Task ConnectAsync(PortalFactory portal, params string[] emails)
    {
        foreach (var email in emails)
        {
            using var session = portal.NewSession();
            (await session.ConnectAsync(email)).Succeeded.Should().BeTrue();
        }
    }

    public static async Task<PortalSession> SignedInAsync(PortalFactory portal, string email)
    {
        var session = portal.NewSession();
        await session.SignInAsync(email);
        return session;
    }

    /// <summary>The row of <paramref name="email"/> as <paramref name="viewer"/>'s grid shows it now.</summary>
    public static async Task<PersonRow> RowAsync(PortalFactory portal, System.Security.Claims.ClaimsPrincipal viewer, string email)
    {
        var userId = await portal.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        return (await portal.InScopeAsync<ConnectionDirectory, PersonRow?>(d => d.RowAsync(viewer, userId)))!;
    }
}
