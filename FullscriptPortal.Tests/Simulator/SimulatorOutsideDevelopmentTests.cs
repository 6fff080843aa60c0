using System.Net;
using System.Net.Http.Json;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Simulator;

/// <summary>The simulator mints tokens for whoever reaches its consent page: outside Development it runs only when
/// enabled by name with a secret of its own, and whenever it runs it says so at start-up.</summary>
public sealed class SimulatorOutsideDevelopmentTests
{
    [Theory]
    [InlineData(null, null, "Simulator:Enabled")]
    [InlineData("true", null, "Simulator:ClientSecret")]
    [InlineData("true", "simulator-only-secret", "Simulator:ClientSecret")]
    [InlineData("true", "too-short-to-be-generated", "Simulator:ClientSecret")]
    public void Outside_development_the_simulator_stops_start_up_unless_enabled_with_a_generated_secret(string? enabled, string? secret, string setting)
    {
        using var factory = new PortalFactory().InProduction();
        SetOrRemove(factory.Settings, "Simulator:Enabled", enabled);
        SetOrRemove(factory.Settings, "Simulator:ClientSecret", secret);

        var thrown = Record.Exception(() => factory.StartServer());

        // The same failure may come twice (the Fullscript options read the simulator's), each time the same sentence.
        var failures = (thrown as AggregateException)?.Flatten().InnerExceptions.ToList() ?? [thrown!];
        failures.Should().NotBeEmpty().And.AllBeOfType<OptionsValidationException>();
        var message = failures[0].Message;
        message.Should().Contain(setting).And.Contain("Development");
        if (setting == "Simulator:ClientSecret") message.Should().Contain("openssl rand -base64 32");
    }

    [Fact]
    public async Task Enabled_with_its_own_secret_it_runs_outside_development_refuses_the_default_secret_and_warns_once()
    {
        using var factory = new PortalFactory().InProduction();
        using var browser = factory.NewSession();
        var redirectUri = new Uri(factory.ServerAddress, "/oauth/fullscript/callback").AbsoluteUri;

        (await browser.Http.GetAsync(SimulatorApi.AuthorizeUrl(SimulatorApi.ClientId, redirectUri, "s"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var withDefaultSecret = await browser.Http.PostAsJsonAsync("/simulator/api/oauth/token",
            new { grant_type = "refresh_token", client_id = SimulatorApi.ClientId, client_secret = SimulatorApi.ClientSecret, refresh_token = "r" });

        await SimulatorApi.ShouldFailAsync(withDefaultSecret, HttpStatusCode.Unauthorized, "invalid_client");
        factory.Logs.Where(IsSimulatorWarning).Should().ContainSingle();
    }

    [Fact]
    public void In_development_it_runs_with_no_settings_and_warns_once()
    {
        using var factory = new PortalFactory();

        factory.StartServer();

        factory.Logs.Where(IsSimulatorWarning).Should().ContainSingle();
    }

    [Fact]
    public async Task Outside_development_on_a_real_server_it_is_off_and_silent()
    {
        using var factory = new PortalFactory().InProduction();
        factory.Settings.Remove("Simulator:Enabled");
        factory.Settings.Remove("Simulator:ClientSecret");
        factory.Settings.UseRealServer("us-sandbox", "app");
        using var browser = factory.NewSession();

        var response = await browser.Http.GetAsync(SimulatorApi.AuthorizeUrl(SimulatorApi.ClientId, PortalFactoryExtensions.RealRedirectUri, "s"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        factory.Logs.Where(IsSimulatorWarning).Should().BeEmpty();
    }

    private static void SetOrRemove(Dictionary<string, string?> settings, string key, string? value)
    {
        if (value is null) settings.Remove(key);
        else settings[key] = value;
    }

    private static bool IsSimulatorWarning(string line) => line.StartsWith("Warning ", StringComparison.Ordinal) && line.Contains("simulator is on");
}
