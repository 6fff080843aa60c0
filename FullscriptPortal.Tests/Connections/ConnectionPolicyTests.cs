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

    // Adding people by hand, as "Role GivenRole Ownership": support anyone anywhere but support; a manager practitioners
    // and staff of their own clinic only. Every other cell must be refused.
    private static readonly HashSet<string> MayAdd =
    [
        "Support Practitioner SameClinic", "Support Staff SameClinic", "Support ClinicManager SameClinic",
        "Support Practitioner OtherClinic", "Support Staff OtherClinic", "Support ClinicManager OtherClinic",
        "ClinicManager Practitioner SameClinic", "ClinicManager Staff SameClinic",
    ];

    public static TheoryData<string, string, Ownership> PeopleCells()
    {
        var cells = new TheoryData<string, string, Ownership>();
        foreach (var role in PortalRoles.All)
            foreach (var given in PortalRoles.All)
                foreach (var ownership in new[] { Ownership.SameClinic, Ownership.OtherClinic })
                    cells.Add(role, given, ownership);
        return cells;
    }

    [Theory]
    [MemberData(nameof(PeopleCells))]
    public void Each_role_adds_changes_and_deactivates_people_only_where_it_may(string role, string given, Ownership ownership)
    {
        var viewer = Viewer(role);
        var clinic = ownership == Ownership.SameClinic ? Northside : Lakeview;

        ConnectionPolicy.MayAddPerson(viewer, clinic, given).Should().Be(MayAdd.Contains($"{role} {given} {ownership}"));
        ConnectionPolicy.MayChangePerson(viewer, clinic).Should().Be(role == PortalRoles.Support, "managers add staff; changes and deactivations are support's");
        ConnectionPolicy.MayChangePerson(viewer, null).Should().BeFalse("support staff are not managed here");
        ConnectionPolicy.MayCreateClinics(viewer).Should().Be(role == PortalRoles.Support);
        ConnectionPolicy.MayChangeClinic(viewer, clinic).Should().Be(role == PortalRoles.Support);
    }

    [Theory]
    [InlineData(null, Northside, true)]
    [InlineData(null, Lakeview, true)]
    [InlineData(Northside, Northside, true)]
    [InlineData(Northside, Lakeview, false)]
    public void An_api_key_manages_people_only_in_its_scope(int? scope, int clinic, bool allowed)
    {
        var key = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "api:key"),
            new Claim(ClaimTypes.Role, PortalRoles.ApiClient),
            .. scope is null ? Array.Empty<Claim>() : [new Claim(PortalClaims.ClinicId, scope.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        ], "test"));

        ConnectionPolicy.GivableRoles.Should().OnlyContain(role => ConnectionPolicy.MayAddPerson(key, clinic, role) == allowed);
        ConnectionPolicy.MayAddPerson(key, clinic, PortalRoles.Support).Should().BeFalse();
        ConnectionPolicy.MayChangePerson(key, clinic).Should().Be(allowed);
        ConnectionPolicy.MayCreateClinics(key).Should().Be(scope is null);
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
