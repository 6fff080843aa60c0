using System.Net;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Tests.Fullscript;

public sealed class StartupValidationTests
{
    [Fact]
    public void A_real_server_without_credentials_stops_start_up_with_a_sentence_saying_what_to_set()
    {
        using var factory = new PortalFactory();
        factory.Settings["Fullscript:Server"] = "us-sandbox";

        var start = () => factory.StartServer();

        start.Should().Throw<OptionsValidationException>()
            .Which.Message.Should().Contain("Fullscript:ClientSecret is not set").And.Contain("user-secrets").And.Contain("Fullscript__ClientSecret");
    }

    [Theory]
    [InlineData(false, HttpStatusCode.OK)]
    [InlineData(true, HttpStatusCode.NotFound)]
    public async Task The_simulator_is_mapped_only_while_new_connections_go_to_it(bool realServer, HttpStatusCode expected)
    {
        using var factory = new PortalFactory();
        if (realServer) factory.Settings.UseRealServer("us-sandbox", "app");
        using var browser = factory.NewSession();
        // A request the simulator answers with its consent page: its own client and the callback it has registered.
        var consent = SimulatorApi.AuthorizeUrl(SimulatorApi.ClientId, new Uri(factory.ServerAddress, "/oauth/fullscript/callback").AbsoluteUri, "s");

        var responses = new[] { await browser.Http.GetAsync(consent), await browser.Http.GetAsync("/simulator/control/grants") };

        responses.Select(r => r.StatusCode).Should().Equal(expected, expected);
    }
}
