using System.Net;
using FullscriptPortal.Fullscript;

namespace FullscriptPortal.Tests.Fullscript;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData(FullscriptEndpointKind.OAuth, 400, FailureKind.Rejected)]
    [InlineData(FullscriptEndpointKind.OAuth, 401, FailureKind.Rejected)]
    [InlineData(FullscriptEndpointKind.OAuth, 403, FailureKind.Transient)]
    [InlineData(FullscriptEndpointKind.OAuth, 404, FailureKind.Transient)]
    [InlineData(FullscriptEndpointKind.OAuth, 429, FailureKind.Transient)]
    [InlineData(FullscriptEndpointKind.OAuth, 500, FailureKind.Transient)]
    [InlineData(FullscriptEndpointKind.OAuth, 503, FailureKind.Transient)]
    [InlineData(FullscriptEndpointKind.Api, 400, FailureKind.Transient)]
    [InlineData(FullscriptEndpointKind.Api, 401, FailureKind.Rejected)]
    [InlineData(FullscriptEndpointKind.Api, 403, FailureKind.Rejected)]
    [InlineData(FullscriptEndpointKind.Api, 429, FailureKind.Transient)]
    [InlineData(FullscriptEndpointKind.Api, 502, FailureKind.Transient)]
    public void Each_status_has_one_kind_per_endpoint(FullscriptEndpointKind endpoint, int status, FailureKind expected) =>
        FailureClassifier.KindOf(endpoint, (HttpStatusCode)status).Should().Be(expected);

    [Fact]
    public void The_error_carries_the_rfc_6749_code_when_the_body_has_one()
    {
        var error = FailureClassifier.ErrorOf(FullscriptEndpointKind.OAuth, HttpStatusCode.BadRequest,
            """{ "error": "invalid_grant", "error_description": "The refresh token is invalid." }""");

        error.Should().Be(new FullscriptError(FailureKind.Rejected, "invalid_grant", "The refresh token is invalid.", 400));
    }

    [Fact]
    public void Without_a_readable_body_the_code_names_the_status()
    {
        var error = FailureClassifier.ErrorOf(FullscriptEndpointKind.Api, HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        error.Should().Be(new FullscriptError(FailureKind.Transient, "http_502", null, 502));
    }
}
