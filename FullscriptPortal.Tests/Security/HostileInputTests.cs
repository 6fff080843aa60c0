using System.Net;
using FullscriptPortal.Tests.Infrastructure;

namespace FullscriptPortal.Tests.Security;

/// <summary>Every request of <see cref="HostileRequests"/>, in Development and in Production: a clear refusal or
/// message, never a 500, no redirect off the portal or with raw characters in it, and no connection, kept code or grant
/// changed.</summary>
public sealed class HostileInputTests(HostilePortals portals) : IClassFixture<HostilePortals>
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var environment in new[] { HostilePortals.Development, HostilePortals.Production })
            foreach (var name in HostileRequests.All.Keys) cases.Add(environment, name);
        return cases;
    }

    [Fact]
    public void The_table_holds_at_least_a_hundred_requests() => HostileRequests.All.Should().HaveCountGreaterThanOrEqualTo(100);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_request_gets_a_clear_answer_and_changes_nothing(string environment, string name)
    {
        var target = portals[environment];
        var hostile = HostileRequests.All[name];
        var session = target.SessionOf(hostile.As);
        var before = await target.SnapshotAsync();

        using var response = await session.Http.SendAsync(await hostile.Build(target, session));

        var status = (int)response.StatusCode;
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var start = body.Length > 600 ? body[..600] : body;
        status.Should().BeLessThan(500, "{0} must never be a server error: {1}", name, start);
        hostile.Answer.Statuses.Should().Contain(status, "{0} should be answered {1}, not: {2}", name, hostile.Answer, start);
        if (response.Headers.Location is { } location) ShouldStayOnThePortal(location, target);
        if (hostile.Answer.Location is { } expected)
            new Uri(session.Http.BaseAddress!, response.Headers.Location!).PathAndQuery.Should().StartWith(expected);
        if (hostile.Answer.Text is { } text) body.Should().Contain(text);
        (await target.SnapshotAsync()).Should().Be(before, "{0} must change no connection, kept code or grant", name);
    }

    private static void ShouldStayOnThePortal(Uri location, HostileTarget target)
    {
        location.OriginalString.Should().MatchRegex("^[\\x21-\\x7E]+$", "a Location is ASCII with no spaces or controls");
        location.OriginalString.Should().NotStartWith("//").And.NotStartWith("/\\");
        if (location.IsAbsoluteUri)
            location.Host.Should().BeOneOf(target.Factory.ServerAddress.Host, ProductionPortal.PublicHost);
    }
}
