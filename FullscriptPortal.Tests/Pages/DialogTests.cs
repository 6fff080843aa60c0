using Bunit;
using FullscriptPortal.Clinics;
using FullscriptPortal.Mail;
using FullscriptPortal.Support;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FullscriptPortal.Tests.Pages;

public sealed class DialogTests : PortalTestContext
{
    public DialogTests()
    {
        // The mailer as the portal registers it; without Email:Smtp:Host (the default here) it sends nothing.
        Services.AddLogging();
        Services.AddOptions<EmailOptions>();
        Services.AddSingleton<PortalMailer>();
        Services.AddSingleton<PortalEmails>();
    }

    [Fact]
    public async Task Revoking_needs_a_reason_and_returns_it()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<RevokeDialog>("Revoke", new DialogParameters<RevokeDialog> { { d => d.PersonName, "Dr. Priya Patel" } }));

        provider.Markup.Should().Contain("Revoke Dr. Priya Patel's Fullscript connection?");
        provider.Find("[data-testid=confirm-revoke]").Click();
        provider.Markup.Should().Contain("Give a reason of at least 3 characters.");
        reference.Result.IsCompleted.Should().BeFalse("a revoke without a reason is not confirmed");

        provider.Find("[data-testid=revoke-reason]").Input("  Left the clinic  ");
        provider.Find("[data-testid=confirm-revoke]").Click();

        var result = await reference.Result;
        result!.Canceled.Should().BeFalse();
        result.Data.Should().Be("Left the clinic");
    }

    [Fact]
    public async Task Cancelling_a_revoke_changes_nothing()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<RevokeDialog>("Revoke", new DialogParameters<RevokeDialog> { { d => d.PersonName, "Sam" } }));

        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        (await reference.Result)!.Canceled.Should().BeTrue();
    }

    [Fact]
    public async Task The_invite_dialog_shows_the_whole_link_and_when_it_expires()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var link = new InviteLink("/invite/abc123", new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

        await provider.InvokeAsync(() => dialogs.ShowAsync<InviteDialog>("Invite", new DialogParameters<InviteDialog> { { d => d.PersonName, "Sam Front" }, { d => d.Link, link } }));

        provider.Find("[data-testid=invite-link]").GetAttribute("value").Should().Be("http://localhost/invite/abc123");
        provider.Markup.Should().Contain("works once");
    }

    [Fact]
    public async Task The_invite_dialog_offers_no_e_mail_without_smtp()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var link = new InviteLink("/invite/abc123", new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

        await provider.InvokeAsync(() => dialogs.ShowAsync<InviteDialog>("Invite", new DialogParameters<InviteDialog>
            { { d => d.PersonName, "Sam Front" }, { d => d.PersonEmail, "sam.front@northside.test" }, { d => d.Link, link } }));

        provider.FindAll("[data-testid=email-invite]").Should().BeEmpty();
    }

    [Fact]
    public async Task With_smtp_the_manager_e_mails_the_invite_link_to_the_person()
    {
        using var sink = SmtpSink.Start();
        Services.Configure<EmailOptions>(email => email.Smtp = new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, UseTls = SmtpTls.None, From = "portal@portal.test" });
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var link = new InviteLink("/invite/abc123", new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        await provider.InvokeAsync(() => dialogs.ShowAsync<InviteDialog>("Invite", new DialogParameters<InviteDialog>
            { { d => d.PersonName, "Sam Front" }, { d => d.PersonEmail, "sam.front@northside.test" }, { d => d.Link, link } }));

        await provider.Find("[data-testid=email-invite]").ClickAsync(new());

        provider.WaitForAssertion(() => provider.Find("[data-testid=invite-mailed]").TextContent.Should().Contain("E-mailed to sam.front@northside.test"));
        var (recipients, message) = sink.Messages.Should().ContainSingle().Subject;
        recipients.Should().Equal("sam.front@northside.test");
        message.TextBody.Should().Contain("http://localhost/invite/abc123").And.Contain("Saturday 5 December 2026, 09:00 UTC");
    }
}
