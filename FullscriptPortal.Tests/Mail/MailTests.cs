using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FullscriptPortal.Clinics;
using FullscriptPortal.Mail;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Mail;

/// <summary>Invitations and connect links e-mailed over a real SMTP exchange with a loopback sink; each test has its own
/// portal because the Email settings are read at start.</summary>
public sealed class MailTests : IDisposable
{
    private const string Password = "Welcome!Portal1";
    private readonly PortalFactory _factory = new();
    private readonly SmtpSink _sink = SmtpSink.Start();

    private void UseSmtp(int port)
    {
        _factory.Settings["Email:Smtp:Host"] = "127.0.0.1";
        _factory.Settings["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factory.Settings["Email:Smtp:UseTls"] = "None";
        _factory.Settings["Email:Smtp:From"] = "Portal <portal@portal.test>";
    }

    private static async Task<JsonElement> ProvisionAsync(BackendClient backend, string person, string email)
    {
        (await backend.PutAsync("/api/v1/clinics/clinic-mail", new { name = "Mail clinic" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await backend.PutAsync($"/api/v1/users/{person}", new { email, display_name = "Dr. Mae Ling", role = "practitioner", clinic = "clinic-mail" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return await BackendClient.JsonAsync(created);
    }

    [Fact]
    public async Task A_new_person_gets_their_invitation_by_mail_and_the_link_in_it_sets_their_password()
    {
        UseSmtp(_sink.Port);
        using var backend = await BackendClient.CreateAsync(_factory);

        var body = await ProvisionAsync(backend, "dr-ling", "mae.ling@ling.test");

        body.GetProperty("invitation_emailed").GetBoolean().Should().BeTrue();
        var invitation = body.GetProperty("invitation_url").GetString()!;
        _factory.Logs.Should().NotContain(line => line.Contains("token=", StringComparison.Ordinal), "the link is a secret and never logged");
        _sink.Messages.Should().ContainSingle();
        var (recipients, message) = _sink.Messages.Single();
        recipients.Should().Equal("mae.ling@ling.test");
        message.To.Mailboxes.Single().Address.Should().Be("mae.ling@ling.test");
        message.From.Mailboxes.Single().Address.Should().Be("portal@portal.test");
        message.Subject.Should().Contain("FullscriptPortal");
        message.TextBody.Should().Contain(invitation).And.Contain("expires on");
        message.HtmlBody.Should().Contain("FullscriptPortal").And.Contain("expires on");

        using var browser = _factory.NewSession();
        (await browser.Http.GetAsync(new Uri(invitation).PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.OK);
        await browser.AcceptInvitationAsync(invitation, Password);
    }

    [Fact]
    public async Task A_connect_link_is_mailed_only_when_asked()
    {
        UseSmtp(_sink.Port);
        using var backend = await BackendClient.CreateAsync(_factory);
        await ProvisionAsync(backend, "dr-ling", "mae.ling@ling.test");
        _sink.Messages.Clear();

        var quiet = await BackendClient.JsonAsync(await backend.PostAsync("/api/v1/users/dr-ling/connect-link"));
        var mailed = await BackendClient.JsonAsync(await backend.PostAsync("/api/v1/users/dr-ling/connect-link", new { send_email = true }));

        quiet.GetProperty("emailed").GetBoolean().Should().BeFalse();
        mailed.GetProperty("emailed").GetBoolean().Should().BeTrue();
        var (recipients, message) = _sink.Messages.Should().ContainSingle().Subject;
        recipients.Should().Equal("mae.ling@ling.test");
        message.TextBody.Should().Contain(mailed.GetProperty("url").GetString()!);
    }

    [Fact]
    public async Task Without_smtp_nothing_is_sent_and_the_api_still_answers_with_the_links()
    {
        using var backend = await BackendClient.CreateAsync(_factory);

        var body = await ProvisionAsync(backend, "dr-ling", "mae.ling@ling.test");
        var link = await backend.PostAsync("/api/v1/users/dr-ling/connect-link", new { send_email = true });

        body.GetProperty("invitation_url").GetString().Should().Contain("/account/welcome?");
        body.GetProperty("invitation_emailed").GetBoolean().Should().BeFalse();
        link.StatusCode.Should().Be(HttpStatusCode.Created);
        (await BackendClient.JsonAsync(link)).GetProperty("emailed").GetBoolean().Should().BeFalse();
        _sink.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_mail_server_that_cannot_be_reached_is_reported_in_the_answer_and_logged_never_a_500()
    {
        // A port that was just free: nothing listens there, so the connection is refused at once.
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        UseSmtp(port);
        using var backend = await BackendClient.CreateAsync(_factory);

        var body = await ProvisionAsync(backend, "dr-ling", "mae.ling@ling.test");

        body.GetProperty("invitation_emailed").GetBoolean().Should().BeFalse();
        body.GetProperty("invitation_url").GetString().Should().NotBeNullOrEmpty();
        _factory.Logs.Should().Contain(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("Could not send a portal e-mail", StringComparison.Ordinal));
        _factory.Logs.Should().NotContain(line => line.Contains("token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_without_starttls_when_tls_is_asked_for_sends_nothing_and_the_answer_says_so()
    {
        UseSmtp(_sink.Port);
        _factory.Settings["Email:Smtp:UseTls"] = "StartTls";
        using var backend = await BackendClient.CreateAsync(_factory);

        var body = await ProvisionAsync(backend, "dr-ling", "mae.ling@ling.test");

        body.GetProperty("invitation_emailed").GetBoolean().Should().BeFalse("the link is never sent in the clear when TLS was asked for");
        _sink.Messages.Should().BeEmpty();
    }

    [Fact]
    public void A_host_without_a_sender_stops_start_up_with_a_sentence_naming_the_setting()
    {
        _factory.Settings["Email:Smtp:Host"] = "smtp.example.test";

        var start = () => _factory.StartServer();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Email:Smtp:From");
    }

    [Fact]
    public async Task With_smtp_a_resent_invite_and_invites_made_several_at_once_are_e_mailed()
    {
        UseSmtp(_sink.Port);
        using var manager = _factory.NewSession();
        await manager.SignInAsync(DemoPeople.Manager);
        var principal = await manager.PrincipalAsync();
        var users = await _factory.QueryAsync(db => db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id));
        var (sam, lee) = (users[DemoPeople.SamFront], users[DemoPeople.DrLee]);
        await _factory.InScopeAsync<Invites, InviteLink?>(i => i.CreateAsync(principal, sam, default));
        var portalBase = _factory.ServerAddress;

        var resent = await _factory.InScopeAsync<Invites, InviteOutcome>(i => i.ResendAsync(principal, sam, portalBase));
        var many = await _factory.InScopeAsync<Invites, IReadOnlyList<InviteOutcome>>(i => i.InviteManyAsync(principal, [lee], portalBase));

        resent.Mailed.Should().Be(MailOutcome.Sent);
        many.Should().ContainSingle().Which.Mailed.Should().Be(MailOutcome.Sent);
        _sink.Messages.Select(m => m.Recipients.Single()).Should().Equal(DemoPeople.SamFront, DemoPeople.DrLee);
        _sink.Messages.First().Message.TextBody.Should().Contain(new Uri(portalBase, resent.Link!.Path).AbsoluteUri);
        _sink.Messages.Last().Message.TextBody.Should().Contain(new Uri(portalBase, many[0].Link!.Path).AbsoluteUri);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _sink.Dispose();
    }
}
