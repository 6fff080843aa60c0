using System.Globalization;
using System.Text;
using StandardWebhooks;

namespace FullscriptPortal.Webhooks;

/// <summary>Posts one signed event to its endpoint, the Standard Webhooks way (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>), over the named client whose timeout bounds every attempt.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "webhooks";

    public async Task<AttemptResult> SendAsync(string url, string secret, string messageId, string payload, CancellationToken cancellationToken)
    {
        // Whole seconds: the header carries seconds, and the signature must cover exactly what the header says.
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign(messageId, timestamp, payload));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? AttemptResult.Ok(status) : AttemptResult.Failed(status, $"The receiver answered {status} {response.ReasonPhrase}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Failed(null, "The receiver did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            return AttemptResult.Failed(null, $"The receiver could not be reached ({ex.HttpRequestError}).");
        }
    }
}
