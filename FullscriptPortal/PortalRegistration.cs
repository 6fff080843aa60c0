using FullscriptPortal.Api;
using FullscriptPortal.Auth;
using FullscriptPortal.Clinics;
using FullscriptPortal.Components;
using FullscriptPortal.Connect;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Lifecycle;
using FullscriptPortal.Live;
using FullscriptPortal.Mail;
using FullscriptPortal.Observability;
using FullscriptPortal.People;
using FullscriptPortal.Security;
using FullscriptPortal.Simulator;
using FullscriptPortal.Support;
using FullscriptPortal.Tokens;
using FullscriptPortal.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FullscriptPortal;

/// <summary>The whole portal in two calls: one registration per feature, and the pipeline.</summary>
public static class PortalRegistration
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        // All time comes from here, so tests can drive it with a FakeTimeProvider.
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder.AddPortalData()
            .AddPortalSecurity()
            .AddPortalAuth()
            .AddFullscript()
            .AddConnections()
            .AddLive()
            .AddTokens()
            .AddConnect()
            .AddLifecycle()
            .AddClinics()
            .AddPeopleAdmin()
            .AddSupport()
            .AddMail()
            .AddApi()
            .AddWebhooks()
            .AddPortalHealth()
            .AddPortalTelemetry()
            .AddPortalLogRedaction()
            .AddSimulator()
            .AddPortalUi();
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.UsePortalSecurity();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        // Only for pages a browser asks for (GET): a re-executed POST would reach /not-found as a form post and turn into a 400.
        app.UseWhen(http => HttpMethods.IsGet(http.Request.Method) && !ApiRegistration.IsApi(http),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing after the status code pages, so their re-execution is routed to /not-found (the implicit routing at the
        // start of the pipeline would not run again, and a missing page answered an empty 404).
        app.UseRouting();
        app.UseApi();
        app.UseBrandAssets();
        app.UseAuthentication();
        app.UseTwoFactorEnrolment();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireRateLimiting(ClientRateLimits.Pages);
        app.MapAccountEndpoints();
        app.MapConnectEndpoints();
        app.MapInviteEndpoints();
        app.MapPeopleExport();
        app.MapPortalHealth();
        app.MapApi();
        if (SimulatorRegistration.IsEnabled(app.Services))
        {
            app.MapSimulator();
            if (app.Environment.IsDevelopment()) app.MapSimulatorControl();
        }
        return app;
    }
}
