using Bunit;
using FullscriptPortal.Simulator;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>The /simulator page's fault form over the real simulator: it starts from the faults in force, so Apply
/// never quietly undoes what a script or an earlier visit set.</summary>
[Collection(SharedPortal.Simulator)]
public sealed class SimulatorPageTests(PortalFactory portal) : PageTestContext(portal)
{
    private static readonly SimulatorFaultPlan ScriptedFaults = new(LatencyMs: 1500, FailNextTokenCalls: 2, FailStatus: 502,
        ThrottleNextTokenCalls: 3, RetryAfterSeconds: 45, DropNextTokenResponses: 1);

    private static string ValueOf(IRenderedComponent<SimulatorPage> page, string testId) =>
        (page.Find($"[data-testid={testId}]") is { TagName: "INPUT" } input ? input : page.Find($"[data-testid={testId}] input")).GetAttribute("value")!;

    private async Task<IRenderedComponent<SimulatorPage>> OpenAsSupportAsync()
    {
        using var support = Portal.NewSession();
        await support.SignInAsync(DemoPeople.Support);
        await SignInAsAsync(support);
        Render<MudBlazor.MudPopoverProvider>();
        return Render<SimulatorPage>();
    }

    [Fact]
    public async Task The_fault_form_shows_the_faults_in_force()
    {
        Portal.Faults().Apply(ScriptedFaults);

        var page = await OpenAsSupportAsync();

        page.WaitForAssertion(() => ValueOf(page, "fault-latency").Should().Be("1500"));
        (ValueOf(page, "fault-fail-next"), page.Find("[data-testid=fault-status]").TextContent, ValueOf(page, "fault-throttle"), ValueOf(page, "fault-retry-after"), ValueOf(page, "fault-drop"))
            .Should().Be(("2", "502", "3", "45", "1"));
    }

    [Fact]
    public async Task Apply_without_a_change_keeps_the_faults_in_force()
    {
        var before = Portal.Faults().Apply(ScriptedFaults);
        var page = await OpenAsSupportAsync();

        await page.InvokeAsync(() => page.Find("[data-testid=apply-faults]").Click());

        Portal.Faults().State.Should().Be(before);
        page.Find("[data-testid=fault-state]").TextContent.Should().Contain("1500 ms latency").And.Contain("fail with 502");
    }

    [Fact]
    public async Task Clear_all_empties_the_form_too()
    {
        Portal.Faults().Apply(ScriptedFaults);
        var page = await OpenAsSupportAsync();

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Clear all").Click());

        page.WaitForAssertion(() => ValueOf(page, "fault-latency").Should().Be("0"));
        (ValueOf(page, "fault-fail-next"), ValueOf(page, "fault-throttle"), ValueOf(page, "fault-drop")).Should().Be(("0", "0", "0"));
        page.Find("[data-testid=fault-state]").TextContent.Should().Contain("no faults");
    }
}
