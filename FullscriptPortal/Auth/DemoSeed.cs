using FullscriptPortal.Data;
using FullscriptPortal.Simulator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Auth;

/// <summary>The demo clinics and users of DESIGN.md, created in Development so a fresh clone has someone to sign in as.</summary>
public static class DemoSeed
{
    public const string Password = "Demo!Portal1";
    public const string Northside = "Northside";
    public const string Lakeview = "Lakeview";

    public sealed record DemoUser(string Email, string DisplayName, string Role, string? Clinic);

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("manager@northside.test", "Morgan Manager", PortalRoles.ClinicManager, Northside),
        new("dr.lee@northside.test", "Dr. Jordan Lee", PortalRoles.Practitioner, Northside),
        new("sam.front@northside.test", "Sam Front", PortalRoles.Staff, Northside),
        new("dr.patel@lakeview.test", "Dr. Priya Patel", PortalRoles.Practitioner, Lakeview),
        new("support@portal.test", "Casey Support", PortalRoles.Support, null),
    ];

    public static async Task SeedAsync(PortalDbContext db, UserManager<PortalUser> users, CancellationToken cancellationToken)
    {
        // Mapped to the simulator's matching clinics, so a connection to the other clinic's Fullscript account is refused.
        foreach (var (name, fullscriptClinicId) in new[] { (Northside, SimulatedDirectory.Northside.Id), (Lakeview, SimulatedDirectory.Lakeview.Id) })
        {
            if (!await db.Clinics.AnyAsync(c => c.Name == name, cancellationToken))
                db.Clinics.Add(new Clinic { Name = name, FullscriptClinicId = fullscriptClinicId });
        }
        await db.SaveChangesAsync(cancellationToken);

        foreach (var demo in Users)
        {
            if (await users.FindByEmailAsync(demo.Email) is not null) continue;
            var clinicId = demo.Clinic is null ? (int?)null : await db.Clinics.Where(c => c.Name == demo.Clinic).Select(c => c.Id).SingleAsync(cancellationToken);
            var user = new PortalUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.DisplayName, ClinicId = clinicId };
            ThrowIfFailed(await users.CreateAsync(user, Password), demo.Email);
            ThrowIfFailed(await users.AddToRoleAsync(user, demo.Role), demo.Email);
        }
    }

    private static void ThrowIfFailed(IdentityResult result, string email)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Seeding demo user {email} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
