using System.Net;

namespace FullscriptPortal.Fullscript;

/// <summary>The one rule from an unsuccessful HTTP status to a <see cref="FailureKind"/>: a refusal of the grant or the
/// client is <see cref="FailureKind.Rejected"/> (retrying cannot help); anything else, 429 and 5xx included, is worth
/// another try.</summary>
public static class FailureClassifier
{
    public static FailureKind KindOf(FullscriptEndpointKind endpoint, HttpStatusCode status) => (endpoint, (int)status) switch
    {
        (FullscriptEndpointKind.OAuth, 400 or 401) => FailureKind.Rejected,
        (FullscriptEndpointKind.Api, 401 or 403) => FailureKind.Rejected,
        _ => FailureKind.Transient,
    };

    /// <summary>The error of an unsuccessful answer, with the RFC 6749 code and description when the body has them.</summary>
    public static FullscriptError ErrorOf(FullscriptEndpointKind endpoint, HttpStatusCode status, string body)
    {
        var (error, description) = TokenResponseParser.ReadError(body);
        return new FullscriptError(KindOf(endpoint, status), error ?? $"http_{(int)status}", description, (int)status);
    }
}
