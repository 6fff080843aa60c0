using System.Net;
using System.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace FullscriptPortal.Api;

/// <summary>Shapes one forwarded request: the connection's own server and the path asked for, the person's access token
/// in place of the caller's API key, no cookies. A 401 from Fullscript can be held back (not sent to the caller) so the
/// proxy refreshes once and tries again.</summary>
internal sealed class FullscriptProxyTransformer(Uri apiBase, string path, string accessToken, bool holdBackUnauthorized) : HttpTransformer
{
    /// <summary>Fullscript answered 401 and nothing was sent to the caller.</summary>
    public bool HeldBackUnauthorized { get; private set; }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.RequestUri = new Uri(apiBase, path + httpContext.Request.QueryString);
        proxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        proxyRequest.Headers.Remove("Cookie");
        proxyRequest.Headers.Host = null;
    }

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (holdBackUnauthorized && proxyResponse?.StatusCode == HttpStatusCode.Unauthorized)
        {
            HeldBackUnauthorized = true;
            // YARP may have set the status already; undo it so the retry can forward into a fresh response.
            httpContext.Response.Clear();
            return ValueTask.FromResult(false);
        }
        return base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }
}
