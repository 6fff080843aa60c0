using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Connections;

namespace FullscriptPortal.Tests.Connections;

/// <summary>Every cell of roles × actions × ownership.</summary>
public sealed class ConnectionPolicyTests
{
    public enum Ownership { Own, SameClinic, OtherClinic }

    private const int Northside = 1;
    private const int Lakeview = 2;

    // Allowed cells, as "Role Action Ownership"; every other cell must be refused.
    private static readonly HashSet<string> Allowed =
    [
        "Practitioner View Own", "Practitioner Connect Own", "Practitioner Refresh Own", "Practitioner Disconnect Own",
        "Staff View Own", "Staff Connect Own", "Staff Refresh Own", "Staff Disconnect Own",
        "ClinicManager View SameClinic", "ClinicManager Connect SameClinic", "ClinicManager Refresh SameClinic",
        "ClinicManager Disconnect SameClinic", "ClinicManager Invite SameClinic",
        "Support View Own", "Support View SameClinic", "Support View OtherClinic",
        "Support Refresh Own", "Support Refresh SameClinic", "Support Refresh OtherClinic",
        "Support Revoke Own", "Support Revoke SameClinic", "Support Revoke OtherClinic",
    ];

    public static TheoryData<string, ConnectionAction, Ownership> Cells()
    {
        var cells = new TheoryData<string, ConnectionAction, Ownership>();
        foreach (var role in PortalRoles.All)
            foreach (var action in Enum.GetValues<ConnectionAction>())
                foreach (var ownership in Enum.GetValues<Ownership>())
                    cells.Add(role, action, ownership);
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_role_action_and_ownership_is_decided(string role, ConnectionAction action, Ownership ownership)
    {
        var clinic = role == PortalRoles.Support ? (int?)null : Northside;
        var viewer = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "viewer"),
            new Claim(ClaimTypes.Role, role),
            .. clinic is null ? Array.Empty<Claim>() : [new Claim(PortalClaims.ClinicId, clinic.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        ], "test"));
        var subject = ownership switch
        {
            Ownership.Own => new ConnectionSubject("viewer", clinic),
            Ownership.SameClinic => new ConnectionSubject("colleague", Northside),
            _ => new ConnectionSubject("stranger", Lakeview),
        };

        ConnectionPolicy.Allows(viewer, action, subject).Should().Be(Allowed.Contains($"{role} {action} {ownership}"));
    }

    [Fact]
    public void Someone_without_a_role_may_do_nothing()
    {
        var nobody = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "x")], "test"));

        Enum.GetValues<ConnectionAction>().Should().OnlyContain(a => !ConnectionPolicy.Allows(nobody, a, new ConnectionSubject("x", null)));
    }
}
