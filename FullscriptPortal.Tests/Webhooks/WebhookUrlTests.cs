using FullscriptPortal.Webhooks;

namespace FullscriptPortal.Tests.Webhooks;

public sealed class WebhookUrlTests
{
    [Theory]
    [InlineData("https://ehr.example.com/hooks")]
    [InlineData("http://127.0.0.1:5000/hooks")]
    [InlineData("http://localhost/hooks")]
    [InlineData("http://[::1]:8080/hooks")]
    public void Https_anywhere_and_http_on_this_machine_are_accepted(string url) => WebhookUrl.Parse(url).Error.Should().BeNull();

    [Theory]
    [InlineData("", "Enter the receiver's URL")]
    [InlineData("http://ehr.example.com/hooks", "Use an https URL")]
    [InlineData("ftp://ehr.example.com/hooks", "Use an https URL")]
    [InlineData("/hooks", "not an absolute URL")]
    [InlineData("https://user:pass@ehr.example.com/hooks", "user names and passwords")]
    public void Other_urls_are_refused_with_a_reason(string url, string reason) =>
        WebhookUrl.Parse(url).Error.Should().Contain(reason);
}
