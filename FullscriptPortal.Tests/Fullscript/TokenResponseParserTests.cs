using System.Net;
using FullscriptPortal.Fullscript;

namespace FullscriptPortal.Tests.Fullscript;

public sealed class TokenResponseParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static string Success(string createdAt, string extra = "") => $$"""
        { "oauth": { "access_token": "access-1", "token_type": "Bearer", "expires_in": 7200, "refresh_token": "refresh-1",
                     "scope": "catalog:read patients:read", "created_at": {{createdAt}}{{extra}},
                     "resource_owner": { "id": "7c1f0e52-2f8e-4b43-9d5e-0d3b1e2c4a55", "type": "Practitioner" } } }
        """;

    [Fact]
    public void The_documented_response_with_an_iso_created_at_is_read_whole()
    {
        var result = TokenResponseParser.Parse(HttpStatusCode.OK, Success("\"2021-06-16T14:57:21.000Z\""), "req-1", ReceivedAt);

        result.Succeeded.Should().BeTrue();
        result.RequestId.Should().Be("req-1");
        result.Value.Should().BeEquivalentTo(new TokenSet("access-1", "refresh-1", "Bearer", 7200,
            new DateTimeOffset(2021, 6, 16, 14, 57, 21, TimeSpan.Zero), "catalog:read patients:read",
            "7c1f0e52-2f8e-4b43-9d5e-0d3b1e2c4a55", "Practitioner"));
        result.Value!.ExpiresAt.Should().Be(new DateTimeOffset(2021, 6, 16, 16, 57, 21, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("1623855441")]
    [InlineData("\"1623855441\"")]
    public void A_created_at_in_unix_seconds_is_read_too(string createdAt)
    {
        var result = TokenResponseParser.Parse(HttpStatusCode.OK, Success(createdAt), null, ReceivedAt);

        result.Value!.CreatedAt.Should().Be(new DateTimeOffset(2021, 6, 16, 14, 57, 21, TimeSpan.Zero));
    }

    [Fact]
    public void An_iso_created_at_with_an_offset_is_normalised_to_utc()
    {
        var result = TokenResponseParser.Parse(HttpStatusCode.OK, Success("\"2021-06-16T10:57:21-04:00\""), null, ReceivedAt);

        result.Value!.CreatedAt.Should().Be(new DateTimeOffset(2021, 6, 16, 14, 57, 21, TimeSpan.Zero));
        result.Value.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"yesterday\"")]
    public void An_unreadable_created_at_falls_back_to_the_time_the_response_arrived(string createdAt)
    {
        var result = TokenResponseParser.Parse(HttpStatusCode.OK, Success(createdAt), null, ReceivedAt);

        result.Value!.CreatedAt.Should().Be(ReceivedAt);
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("refresh_token")]
    [InlineData("expires_in")]
    [InlineData("resource_owner")]
    public void A_success_missing_a_required_field_is_malformed(string field)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(Success("\"2021-06-16T14:57:21.000Z\""))!;
        body["oauth"]!.AsObject().Remove(field);

        var result = TokenResponseParser.Parse(HttpStatusCode.OK, body.ToJsonString(), "req-2", ReceivedAt);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(FailureKind.Malformed);
        result.RequestId.Should().Be("req-2");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{ \"access_token\": \"unwrapped\" }")]
    public void A_success_that_is_not_the_documented_shape_is_malformed(string body) =>
        TokenResponseParser.Parse(HttpStatusCode.OK, body, null, ReceivedAt).Error!.Kind.Should().Be(FailureKind.Malformed);

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "invalid_grant", FailureKind.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, "invalid_client", FailureKind.Rejected)]
    [InlineData(HttpStatusCode.BadRequest, "unsupported_grant_type", FailureKind.Rejected)]
    [InlineData(HttpStatusCode.InternalServerError, "server_error", FailureKind.Transient)]
    [InlineData(HttpStatusCode.TooManyRequests, "rate_limited", FailureKind.Transient)]
    public void Rfc6749_error_bodies_are_classified(HttpStatusCode status, string error, FailureKind kind)
    {
        var result = TokenResponseParser.Parse(status, $$"""{ "error": "{{error}}", "error_description": "details" }""", "req-3", ReceivedAt);

        result.Error.Should().Be(new FullscriptError(kind, error, "details", (int)status));
        result.RequestId.Should().Be("req-3");
    }

    [Fact]
    public void An_error_without_a_json_body_is_named_by_its_status() =>
        TokenResponseParser.Parse(HttpStatusCode.ServiceUnavailable, "<html>down</html>", null, ReceivedAt).Error
            .Should().Be(new FullscriptError(FailureKind.Transient, "http_503", null, 503));

    [Fact]
    public void A_token_set_never_prints_its_tokens()
    {
        var tokens = TokenResponseParser.Parse(HttpStatusCode.OK, Success("1623855441"), null, ReceivedAt).Value!;

        tokens.ToString().Should().NotContain("access-1").And.NotContain("refresh-1").And.Contain("Practitioner");
    }
}
