using FullscriptPortal.Fullscript;

namespace FullscriptPortal.Tests.Fullscript;

public sealed class FullscriptOptionsValidatorTests
{
    private static List<string> FailuresOf(FullscriptOptions options) =>
        new FullscriptOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void The_simulator_needs_no_setting() =>
        FailuresOf(new FullscriptOptions { Server = "simulator" }).Should().BeEmpty();

    [Fact]
    public void A_real_server_without_a_client_secret_names_the_setting_and_how_to_set_it()
    {
        var failures = FailuresOf(new FullscriptOptions
        {
            Server = "us-sandbox",
            ClientId = "abc",
            RedirectUri = "https://portal.example.com/oauth/fullscript/callback",
        });

        failures.Should().ContainSingle().Which.Should()
            .Contain("Fullscript:ClientSecret is not set")
            .And.Contain("dotnet user-secrets set Fullscript:ClientSecret")
            .And.Contain("Fullscript__ClientSecret");
    }

    [Fact]
    public void A_real_server_needs_client_id_secret_and_redirect_uri() =>
        FailuresOf(new FullscriptOptions { Server = "ca" }).Should().HaveCount(3);

    [Fact]
    public void A_complete_real_server_configuration_passes() =>
        FailuresOf(new FullscriptOptions
        {
            Server = "us",
            ClientId = "abc",
            ClientSecret = "s3cret",
            RedirectUri = "https://portal.example.com/oauth/fullscript/callback",
        }).Should().BeEmpty();

    [Fact]
    public void An_unknown_server_lists_the_known_ones() =>
        FailuresOf(new FullscriptOptions { Server = "eu" }).Should().ContainSingle()
            .Which.Should().Contain("'eu'").And.Contain("simulator, us-sandbox, ca-sandbox, us, ca");

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/api")]
    public void Overrides_must_be_http_urls(string apiBase)
    {
        var options = new FullscriptOptions { Server = "simulator" };
        options.Servers["us-sandbox"] = new FullscriptServerOverride { ApiBase = apiBase };

        FailuresOf(options).Should().ContainSingle().Which.Should().Contain("Fullscript:Servers:us-sandbox:ApiBase");
    }

    [Fact]
    public void A_relative_redirect_uri_is_refused() =>
        FailuresOf(new FullscriptOptions { Server = "simulator", RedirectUri = "/oauth/fullscript/callback" })
            .Should().ContainSingle().Which.Should().Contain("Fullscript:RedirectUri");
}
