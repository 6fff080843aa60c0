using Bunit;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Webhooks;
using MudBlazor;

namespace FullscriptPortal.Tests.Webhooks;

/// <summary>Support's webhook pages over the real services: the secret once, the log with its actions, and why an
/// endpoint is off.</summary>
[Collection(SharedPortal.Pages)]
public sealed class WebhookPageTests(PortalFactory portal) : PageTestContext(portal)
{
    private async Task SignInAsSupportAsync()
    {
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);
    }

    [Fact]
    public async Task Support_creates_an_endpoint_and_sees_its_secret_once()
    {
        await SignInAsSupportAsync();
        Render<MudPopoverProvider>();
        var page = Render<WebhooksPage>();

        page.Find("input[data-testid=webhook-url]").Change("http://ehr.example.com/hooks");
        await page.InvokeAsync(() => page.Find("[data-testid=create-webhook]").ClickAsync(new()));
        page.WaitForAssertion(() => page.Find("[role=alert]").TextContent.Should().Contain("Use an https URL"));

        page.Find("input[data-testid=webhook-url]").Change("https://ehr.example.com/hooks");
        await page.InvokeAsync(() => page.Find("[data-testid=create-webhook]").ClickAsync(new()));

        page.WaitForAssertion(() => page.Find("[data-testid=new-webhook-secret] code").TextContent.Should().StartWith(WebhookSecrets.Prefix));
        page.Find("[data-testid=webhooks]").TextContent.Should().Contain("https://ehr.example.com/hooks").And.Contain(WebhookEvents.Connected)
            .And.NotContain(WebhookEvents.Refreshed, "refreshed is opt-in");

        var again = Render<WebhooksPage>();
        again.Markup.Should().NotContain(WebhookSecrets.Prefix, "the secret is shown only when it is made");
        (await Portal.QueryAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.Action == WebhookAuditActions.Created)))).Should().Be(1);
    }

    [Fact]
    public async Task The_log_shows_each_delivery_and_sends_again_and_sends_a_test()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpointId = await Portal.RegisterAsync(receiver);
        receiver.FailAlways();
        using var lee = Portal.NewSession();
        (await lee.ConnectAsync(DemoPeople.DrLee)).Succeeded.Should().BeTrue();
        await Portal.DeliverWebhooksAsync();
        await SignInAsSupportAsync();

        var page = Render<WebhookLogPage>(p => p.Add(x => x.Id, endpointId));

        page.WaitForAssertion(() => page.Find("[data-testid=delivery-status]").TextContent.Should().Be("Pending"));
        page.Find("[data-testid=deliveries]").TextContent.Should().Contain(WebhookEvents.Connected).And.Contain("500").And.Contain("1");
        page.FindAll("[data-testid=send-again]").Should().BeEmpty("a pending delivery is retried by itself");

        await page.InvokeAsync(() => page.Find("[data-testid=send-test]").ClickAsync(new()));
        page.WaitForAssertion(() => page.FindAll("[data-testid=delivery-status]").Should().HaveCount(2));
        page.Find("[data-testid=deliveries]").TextContent.Should().Contain(WebhookEvents.Test);

        receiver.Recover();
        await Portal.DeliverWebhooksAsync();
        var reloaded = Render<WebhookLogPage>(p => p.Add(x => x.Id, endpointId));
        reloaded.WaitForAssertion(() => reloaded.FindAll("[data-testid=send-again]").Should().ContainSingle("the test went out; the connect event waits for its retry"));
        await reloaded.InvokeAsync(() => reloaded.Find("[data-testid=send-again]").ClickAsync(new()));
        reloaded.WaitForAssertion(() => reloaded.FindAll("[data-testid=delivery-status]").Should().HaveCount(3));
    }

    [Fact]
    public async Task A_disabled_endpoint_says_why()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpointId = await Portal.RegisterAsync(receiver);
        await SignInAsSupportAsync();
        Render<MudPopoverProvider>();
        var list = Render<WebhooksPage>();

        await list.InvokeAsync(() => list.Find("[aria-label^=Disable]").ClickAsync(new()));

        list.WaitForAssertion(() => list.Find("[data-testid=webhook-state]").TextContent.Should().Contain("Disabled").And.Contain("Disabled by"));
        var log = Render<WebhookLogPage>(p => p.Add(x => x.Id, endpointId));
        log.Find("[data-testid=disabled-reason]").TextContent.Should().Contain("Disabled by");
    }
}
