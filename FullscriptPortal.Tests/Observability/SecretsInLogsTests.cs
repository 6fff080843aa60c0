using System.Net;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Observability;

/// <summary>Every log category at Trace, through a provider that writes the message, the structured values and the
/// exception: a whole connect, refresh, API and disconnect run leaves no secret in any line.</summary>
public sealed class SecretsInLogsTests : IDisposable
{
    private readonly PortalFactory _factory = new();

    public SecretsInLogsTests()
    {
        foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System", "System.Net.Http" })
            _factory.Settings[$"Logging:LogLevel:{category}"] = "Trace";
    }

    [Fact]
    public async Task A_connect_refresh_api_and_disconnect_run_at_trace_logs_no_secret()
    {
        var secrets = new List<string>();
        using var browser = _factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);

        var authorize = await browser.StartConnectAsync();
        var authorizeQuery = QueryHelpers.ParseQuery(authorize.Query);
        secrets.Add(authorizeQuery["state"]!);
        secrets.Add(authorizeQuery["code_challenge"]!);
        var verifier = await _factory.QueryAsync(db => db.PendingAuthorizations.Select(p => p.CodeVerifierProtected).SingleAsync());
        secrets.Add(_factory.Services.GetRequiredService<TokenProtector>().Unprotect(verifier!));
        var callback = await browser.DecideOnConsentAsync(authorize, DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        secrets.Add(QueryHelpers.ParseQuery(callback.Query)["code"]!);
        (await browser.FollowCallbackAsync(callback)).PathAndQuery.Should().Be("/?connect=codereceived");
        (await browser.FinishInCircuitAsync())!.Succeeded.Should().BeTrue();
        var connection = (await _factory.ConnectionOfAsync(browser.UserId!))!;
        await CollectTokensAsync(connection.Id, secrets);

        (await browser.InCircuitAsync(circuit => circuit.RefreshNowAsync())).Result.Should().Be(RefreshResult.Refreshed);
        await CollectTokensAsync(connection.Id, secrets);

        await _factory.QueryAsync(db => db.Users.Where(u => u.Email == DemoPeople.DrLee).ExecuteUpdateAsync(u => u.SetProperty(x => x.ExternalId, "dr-lee")));
        using var backend = await BackendClient.CreateAsync(_factory);
        secrets.Add(backend.Key);
        _factory.Time.Advance(TimeSpan.FromHours(3));
        var answer = await backend.PostAsync("/api/v1/users/dr-lee/connection/access-token");
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        secrets.Add((await BackendClient.JsonAsync(answer)).GetProperty("access_token").GetString()!);
        await CollectTokensAsync(connection.Id, secrets);
        (await backend.GetAsync("/api/v1/users/dr-lee/fullscript/clinic")).Dispose();

        (await browser.InCircuitAsync(circuit => circuit.DisconnectAsync())).Result.Should().Be(DisconnectResult.Disconnected);

        (await _factory.QueryAsync(db => Task.FromResult(db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.IsSensitiveDataLoggingEnabled)))
            .Should().BeFalse("EF Core would otherwise log parameter values, tokens among them");
        secrets.Add(_factory.Services.GetRequiredService<IOptions<FullscriptOptions>>().Value.CredentialsFor("simulator").ClientSecret!);
        secrets.Should().OnlyContain(s => s.Length >= 16, "each secret is long enough that finding it in a line is no coincidence");
        var lines = _factory.Logs.ToList();
        lines.Should().Contain(l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/oauth/fullscript/callback", StringComparison.Ordinal),
            "hosting logged the callback request at these levels, so its query was really written and redacted");
        lines.Should().Contain(l => l.Contains("/oauth/fullscript/callback?code=[redacted]&state=[redacted]", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("Trace", StringComparison.Ordinal), "every category logs at Trace here");
        var leaks = lines.Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal))).Select(line => line[..Math.Min(line.Length, 400)]);
        leaks.Should().BeEmpty("no token, code, state, verifier or secret reaches a log");
    }

    private async Task CollectTokensAsync(Guid connectionId, List<string> secrets)
    {
        var stored = await _factory.ConnectionOfIdAsync(connectionId);
        var protector = _factory.Services.GetRequiredService<TokenProtector>();
        secrets.Add(protector.Unprotect(stored.AccessTokenProtected!));
        secrets.Add(protector.Unprotect(stored.RefreshTokenProtected!));
    }

    public void Dispose() => _factory.Dispose();
}
