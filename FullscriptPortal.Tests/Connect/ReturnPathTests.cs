using System.Net;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Connect;

/// <summary>A return path with text beyond ASCII (a person's bookmark, a hand-typed link) used to end in a 500: the raw
/// path went into the Location header. It is followed, percent-encoded, instead.</summary>
[Collection(SharedPortal.Connect)]
public sealed class ReturnPathTests(PortalFactory factory) : IAsyncLifetime
{
    [Fact]
    public async Task A_connect_flow_started_with_a_non_ASCII_return_path_comes_back_to_it_encoded()
    {
        using var browser = factory.NewSession();
        await browser.SignInAsync(DemoPeople.DrLee);

        var start = await browser.Http.GetAsync("/connect/fullscript?returnUrl=/%C3%A9t%C3%A9");
        start.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var callback = await browser.DecideOnConsentAsync(browser.LocationOf(start), DemoPeople.FullscriptIdOf(DemoPeople.DrLee));
        var back = await browser.Http.GetAsync(callback);

        back.StatusCode.Should().Be(HttpStatusCode.Redirect);
        RawLocation(back).Should().Be("/%C3%A9t%C3%A9?connect=codereceived");
    }

    [Theory]
    [InlineData("/%C3%A9", "/%C3%A9")]
    [InlineData("/clinic%3Fq%3D%E6%97%A5", "/clinic?q=%E6%97%A5")]
    [InlineData("//evil.example", "/")]
    [InlineData("/%5Cevil.example", "/")]
    [InlineData("/%09/evil.example", "/")]
    public async Task Signing_in_with_a_return_path_redirects_to_its_encoded_form_or_home(string returnUrl, string expected)
    {
        using var browser = factory.NewSession();
        var form = await browser.Http.GetStringAsync("/account/signin");

        var response = await browser.Http.PostAsync($"/account/signin?ReturnUrl={returnUrl}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalSession.HiddenField(form, "__RequestVerificationToken"),
            ["_handler"] = "signin",
            ["Form.Email"] = DemoPeople.DrLee,
            ["Form.Password"] = DemoSeed.Password,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        new Uri(browser.Http.BaseAddress!, RawLocation(response)).PathAndQuery.Should().Be(expected);
    }

    /// <summary>The Location header as sent: ASCII only, or the test fails here.</summary>
    private static string RawLocation(HttpResponseMessage response)
    {
        var location = response.Headers.NonValidated["Location"].Single();
        location.Should().MatchRegex("^[\\x21-\\x7E]+$", "a Location header carries printable ASCII only");
        return location;
    }

    public Task InitializeAsync() => factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
