using System.Net;
using FullscriptPortal.Support;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Support;

/// <summary>The audit trail's CSV export over real HTTP: support only, never cached, in words, with the page's filters,
/// never a token.</summary>
[Collection(SharedPortal.People)]
public sealed class AuditExportTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task Support_exports_the_trail_in_words_without_a_token_and_never_cached()
    {
        using var lee = factory.NewSession();
        var connectionId = (await lee.ConnectAsync(DemoPeople.DrLee)).ConnectionId!.Value;
        using var support = factory.NewSession();
        await support.SignInAsync(DemoPeople.Support);

        var response = await support.Http.GetAsync(AuditExport.Path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var csv = await response.Content.ReadAsStringAsync();
        csv.Split('\n')[0].Should().StartWith("AtUtc,Event,Outcome,Actor,Person");
        csv.Should().Contain("Connect started,Sent to Fullscript,Dr. Jordan Lee,Dr. Jordan Lee").And.Contain("Connection attempt,Connected");
        var protector = factory.Services.GetRequiredService<TokenProtector>();
        var connection = await factory.ConnectionOfIdAsync(connectionId);
        csv.Should().NotContain(protector.Unprotect(connection.AccessTokenProtected!)).And.NotContain(protector.Unprotect(connection.RefreshTokenProtected!));
        csv.Should().NotContain(lee.UserId!, "people are named, not numbered");
    }

    [Fact]
    public async Task The_export_applies_the_filters_and_refuses_bad_ones_with_a_message()
    {
        using var lee = factory.NewSession();
        await lee.ConnectAsync(DemoPeople.DrLee);
        using var support = factory.NewSession();
        await support.SignInAsync(DemoPeople.Support);

        var connected = (await support.Http.GetStringAsync(AuditExport.Path + "?action=connect.exchange&outcome=connected")).TrimEnd().Split('\n');
        connected.Should().HaveCount(2).And.Subject.Last().Should().Contain("Connection attempt,Connected");
        var future = factory.Time.GetUtcNow().AddDays(1).UtcDateTime.ToString("O");
        (await support.Http.GetStringAsync($"{AuditExport.Path}?from={Uri.EscapeDataString(future)}")).TrimEnd().Split('\n').Should().HaveCount(1, "the header only");

        var bad = await support.Http.GetAsync(AuditExport.Path + "?from=yesterday");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("ISO 8601");
        (await support.Http.GetAsync(AuditExport.Path + "?person=" + new string('x', 101))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(DemoPeople.Manager)]
    [InlineData(DemoPeople.DrLee)]
    public async Task Only_support_may_export_the_trail(string email)
    {
        using var someone = factory.NewSession();
        await someone.SignInAsync(email);

        var response = await someone.Http.GetAsync(AuditExport.Path);

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("AtUtc");
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
