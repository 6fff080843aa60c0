using Bunit;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Home;
using FullscriptPortal.Support;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FullscriptPortal.Tests.Components;

/// <summary>Every slow action shows progress and cannot be started twice: the actions wait on a TaskCompletionSource, so
/// "slow" lasts exactly as long as the test says.</summary>
public sealed class BusyButtonTests : PortalTestContext
{
    private readonly TaskCompletionSource _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runs;

    private Task SlowAction()
    {
        _runs++;
        return _answer.Task;
    }

    [Fact]
    public void While_its_action_runs_the_button_is_disabled_shows_progress_and_a_second_press_does_nothing()
    {
        var cut = Render<BusyButton>(p => p
            .Add(b => b.OnClick, EventCallback.Factory.Create(this, SlowAction))
            .AddChildContent("Refresh now")
            .AddUnmatched("data-testid", "slow"));

        cut.Find("button").Click();

        var button = cut.Find("button");
        button.HasAttribute("disabled").Should().BeTrue();
        button.GetAttribute("aria-busy").Should().Be("true");
        cut.FindAll("[data-testid=busy]").Should().ContainSingle();
        cut.Find("button").Click();
        _runs.Should().Be(1, "a second press while the first runs does not run the action again");

        _answer.SetResult();

        cut.WaitForAssertion(() => cut.Find("button").HasAttribute("disabled").Should().BeFalse());
        cut.FindAll("[data-testid=busy]").Should().BeEmpty();
        cut.Find("button").GetAttribute("aria-busy").Should().Be("false");
    }

    [Fact]
    public void The_cards_refresh_shows_progress_until_the_refresh_finished_and_runs_once()
    {
        var card = Render<ConnectionCard>(p => p
            .Add(c => c.Connection, ConnectionViews.With(ConnectionState.Active, Time.GetUtcNow().AddHours(1)))
            .Add(c => c.OnRefresh, SlowAction));

        card.Find("[data-testid=refresh-button]").Click();

        card.Find("[data-testid=refresh-button]").HasAttribute("disabled").Should().BeTrue();
        card.Find("[data-testid=refresh-button] [data-testid=busy]").Should().NotBeNull();
        card.Find("[data-testid=refresh-button]").Click();
        _runs.Should().Be(1);

        _answer.SetResult();
        card.WaitForAssertion(() => card.FindAll("[data-testid=busy]").Should().BeEmpty());
    }

    [Fact]
    public async Task The_revoke_dialog_stays_open_and_busy_until_the_revocation_finished_and_revokes_once()
    {
        var reasons = new List<string>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<RevokeDialog>("Revoke", new DialogParameters<RevokeDialog>
        {
            { d => d.PersonName, "Dr. Priya Patel" },
            { d => d.OnRevoke, reason => { reasons.Add(reason); return _answer.Task; } },
        }));
        provider.Find("[data-testid=revoke-reason]").Input("Left the clinic");

        provider.Find("[data-testid=confirm-revoke]").Click();

        provider.Find("[data-testid=confirm-revoke]").HasAttribute("disabled").Should().BeTrue();
        provider.Find("[data-testid=confirm-revoke] [data-testid=busy]").Should().NotBeNull();
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").HasAttribute("disabled").Should().BeTrue();
        provider.Find("[data-testid=confirm-revoke]").Click();
        reasons.Should().Equal("Left the clinic");
        reference.Result.IsCompleted.Should().BeFalse("the dialog shows progress until Fullscript answered");

        _answer.SetResult();

        (await reference.Result)!.Data.Should().Be("Left the clinic");
    }

    [Fact]
    public void The_export_shows_progress_while_the_file_is_prepared_and_is_not_fetched_twice()
    {
        var download = JSInterop.Setup<bool>("portalDownload", "/people/export.csv");
        var cut = Render<DownloadButton>(p => p.Add(d => d.Url, "/people/export.csv").AddUnmatched("data-testid", "export-csv"));

        cut.Find("button[data-testid=export-csv]").Click();

        cut.FindAll("[data-testid=busy]").Should().ContainSingle();
        cut.FindAll("button[data-testid=export-csv]").Should().BeEmpty("nothing to press twice while the file is on its way");
        download.Invocations.Should().HaveCount(1);

        download.SetResult(true);

        cut.WaitForAssertion(() => cut.FindAll("button[data-testid=export-csv]").Should().ContainSingle());
        cut.FindAll("[data-testid=download-failed]").Should().BeEmpty();
    }
}
