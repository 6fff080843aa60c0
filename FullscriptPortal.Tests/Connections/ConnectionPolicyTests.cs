using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Fullscript;

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
        "Practitioner Connect Own", "Practitioner Refresh Own", "Practitioner Disconnect Own",
        "Staff Connect Own", "Staff Refresh Own", "Staff Disconnect Own",
        "ClinicManager Connect SameClinic", "ClinicManager Refresh SameClinic",
        "ClinicManager Disconnect SameClinic", "ClinicManager Invite SameClinic",
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
        var clinic = ClinicOf(role);
        var viewer = Viewer(role);
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

    // Own-account decisions, per role and authorization model: "Role Model".
    private static readonly HashSet<string> ManagesOwn =
    [
        "Practitioner RoleBased", "Staff RoleBased", "ClinicManager ClinicLevel",
    ];

    public static TheoryData<string, AuthorizationModel> RolesAndModels()
    {
        var cells = new TheoryData<string, AuthorizationModel>();
        foreach (var role in PortalRoles.All)
            foreach (var model in Enum.GetValues<AuthorizationModel>())
                cells.Add(role, model);
        return cells;
    }

    [Theory]
    [MemberData(nameof(RolesAndModels))]
    public void Each_role_manages_its_own_connection_only_in_its_model(string role, AuthorizationModel model)
    {
        var viewer = Viewer(role);
        var managesOwn = ManagesOwn.Contains($"{role} {model}");
        var holdsAccount = role is PortalRoles.Practitioner or PortalRoles.Staff;

        ConnectionPolicy.ManagesOwnConnection(viewer, model).Should().Be(managesOwn);
        ConnectionPolicy.ConnectsOwnAccount(viewer).Should().Be(holdsAccount);
        ConnectionPolicy.ConnectsOwnAccount([role]).Should().Be(holdsAccount);
        ConnectionPolicy.OwnAccountRoles.Split(',').Contains(role).Should().Be(holdsAccount);
        ConnectionPolicy.ShowsOwnConnection(viewer, model, hasConnection: false).Should().Be(managesOwn || holdsAccount);
        ConnectionPolicy.ShowsOwnConnection(viewer, model, hasConnection: true).Should().BeTrue();
    }

    [Theory]
    [InlineData(PortalRoles.Staff, AuthorizationModel.RoleBased, true)]
    [InlineData(PortalRoles.Practitioner, AuthorizationModel.RoleBased, true)]
    [InlineData(PortalRoles.ClinicManager, AuthorizationModel.RoleBased, false)]
    [InlineData(PortalRoles.Support, AuthorizationModel.RoleBased, false)]
    [InlineData(PortalRoles.Staff, AuthorizationModel.ClinicLevel, false)]
    public void A_manager_connects_on_behalf_only_of_staff_with_an_account_of_their_own(string subjectRole, AuthorizationModel model, bool allowed)
    {
        var colleague = new ConnectionSubject("colleague", Northside);

        ConnectionPolicy.AllowsConnectOnBehalf(Viewer(PortalRoles.ClinicManager), colleague, [subjectRole], model).Should().Be(allowed);
        ConnectionPolicy.AllowsConnectOnBehalf(Viewer(PortalRoles.Support), colleague, [subjectRole], model).Should().BeFalse();
    }

    private static int? ClinicOf(string role) => role == PortalRoles.Support ? null : Northside;

    private static ClaimsPrincipal Viewer(string role)
    {
        var clinic = ClinicOf(role);
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "viewer"),
            new Claim(ClaimTypes.Role, role),
            .. clinic is null ? Array.Empty<Claim>() : [new Claim(PortalClaims.ClinicId, clinic.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        ], "test"));
    }
}
