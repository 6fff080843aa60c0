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

    [Fact]
    public async Task A_real_server_does_not_map_the_simulator()
    {
        using var factory = new PortalFactory();
        factory.Settings.UseRealServer("us-sandbox", "app");
        using var browser = factory.NewSession();

        var response = await browser.Http.GetAsync("/simulator/api/oauth/authorize?client_id=fullscript-portal-dev");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }
}
