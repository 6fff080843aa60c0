using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Tests.Webhooks;

public static class WebhookFixtures
{
    /// <summary>One delivery pass, as the worker would run it (the worker itself is off in tests).</summary>
    public static Task<DeliveryPassReport> DeliverWebhooksAsync(this PortalFactory factory) =>
        factory.InScopeAsync<WebhookDeliveryPass, DeliveryPassReport>(pass => pass.RunOnceAsync(CancellationToken.None));

    /// <summary>Support registers <paramref name="receiver"/>, which learns the secret shown once.</summary>
    public static async Task<Guid> RegisterAsync(this PortalFactory factory, WebhookReceiver receiver, IReadOnlyCollection<string>? events = null)
    {
        using var support = factory.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        var principal = await support.PrincipalAsync();
        var (created, error) = await factory.InScopeAsync<WebhookEndpoints, (NewWebhookEndpoint?, string?)>(
            e => e.CreateAsync(principal, receiver.Url.AbsoluteUri, events ?? WebhookEvents.All, CancellationToken.None));
        error.Should().BeNull();
        receiver.Secret = created!.Secret;
        return created.Endpoint.Id;
    }

    public static Task<List<WebhookDelivery>> DeliveriesAsync(this PortalFactory factory) =>
        factory.QueryAsync(db => db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync());

    public static Task<WebhookEndpoint> EndpointAsync(this PortalFactory factory, Guid id) =>
        factory.QueryAsync(db => db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id));
}
