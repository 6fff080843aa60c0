using System.Text.Json;
using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Auth;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Security;

/// <summary>One portal set up for hostile requests: a practitioner (Sam) and a manager signed in (with two-step sign-in
/// where the environment asks for it), a connected practitioner (Dr. Lee) whose connection must not move, and states
/// that are another person's (Dr. Patel's), spent (Dr. Lee's) and expired (Sam's).</summary>
public sealed class HostileTarget : IDisposable
{
    private HostileTarget(PortalFactory factory, bool production)
    {
        Factory = factory;
        Production = production;
    }

    public PortalFactory Factory { get; }

    public bool Production { get; }

    public PortalSession Practitioner { get; private set; } = default!;

    public PortalSession Manager { get; private set; } = default!;

    public PortalSession Connected { get; private set; } = default!;

    public string ForeignState { get; private set; } = "";

    public string SpentState { get; private set; } = "";

    public string SpentCode { get; private set; } = "";

    public string ExpiredState { get; private set; } = "";

    public string PatelId { get; private set; } = "";

    public string ClientSecret => Factory.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value.ClientSecret;

    /// <summary>A browser with no cookies; behind the TLS-terminating proxy in Production, as a real one is.</summary>
    public PortalSession NewBrowser() => Production ? Factory.NewProxiedSession() : Factory.NewSession();

    public PortalSession SessionOf(HostileSender sender) => sender switch
    {
        HostileSender.Practitioner => Practitioner,
        HostileSender.Manager => Manager,
        HostileSender.Connected => Connected,
        _ => NewBrowser(),
    };

    public static async Task<HostileTarget> StartAsync(bool production)
    {
        var target = new HostileTarget(production ? ProductionPortal.Create() : new PortalFactory(), production);
        await target.PrepareAsync();
        return target;
    }

    private async Task PrepareAsync()
    {
        var lee = Connected = NewBrowser();
        await lee.SignInAsync(DemoPeople.DrLee);
        var leeAuthorize = await lee.StartConnectAsync();
        SpentState = StateOf(leeAuthorize);
        var callback = await lee.DecideOnConsentAsync(leeAuthorize, DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        (await lee.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=codereceived");
        (await lee.FinishInCircuitAsync())!.Succeeded.Should().BeTrue();
        SpentCode = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();

        Practitioner = NewBrowser();
        await Practitioner.SignInAsync(DemoPeople.SamFront);
        ExpiredState = StateOf(await Practitioner.StartConnectAsync());
        Factory.Time.Advance(PendingAuthorization.Lifetime + TimeSpan.FromMinutes(1));

        var patel = NewBrowser();
        await patel.SignInAsync(DemoPeople.DrPatel);
        PatelId = patel.UserId!;
        ForeignState = StateOf(await patel.StartConnectAsync());

        Manager = NewBrowser();
        if (Production)
        {
            // Outside Development a manager must have two-step sign-in on before the portal opens.
            await Manager.SignInAsync(await TwoFactorSteps.AddPersonAsync(Factory, PortalRoles.ClinicManager));
            await Manager.EnrolAsync();
        }
        else
        {
            await Manager.SignInAsync(DemoPeople.Manager);
        }
    }

    /// <summary>Everything a hostile request must leave as it was: every connection (state, tokens, times), the codes
    /// kept for exchange, and the grants at (simulated) Fullscript.</summary>
    public async Task<string> SnapshotAsync()
    {
        var connections = await Factory.QueryAsync(db => db.Connections.AsNoTracking().OrderBy(c => c.UserId)
            .Select(c => new { c.Id, c.UserId, c.State, c.StateReason, c.AccessTokenProtected, c.RefreshTokenProtected, c.AccessTokenExpiresAt, c.FullscriptClinicId, c.ClinicMismatch })
            .ToListAsync());
        var codesKept = await Factory.QueryAsync(db => db.PendingAuthorizations.CountAsync(p => p.CodeProtected != null && p.CompletedAt == null));
        var grants = await Factory.SimulatorGrantsAsync();
        return JsonSerializer.Serialize(new { connections, codesKept, grants });
    }

    private static string StateOf(Uri authorizeUrl) => QueryHelpers.ParseQuery(authorizeUrl.Query)["state"].ToString();

    public void Dispose() => Factory.Dispose();
}
