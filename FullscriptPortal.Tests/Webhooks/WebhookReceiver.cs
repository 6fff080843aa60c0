using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace FullscriptPortal.Tests.Webhooks;

/// <summary>What the receiver got: the Standard Webhooks headers, the body, and whether the signature checked out.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Body, bool Verified, bool SignatureMatches)
{
    public string Type => JsonDocument.Parse(Body).RootElement.GetProperty("type").GetString()!;

    public JsonElement Data => JsonDocument.Parse(Body).RootElement.GetProperty("data");
}

/// <summary>The integrating app's webhook receiver: a real Kestrel server on 127.0.0.1 that checks every signature with
/// the StandardWebhooks package, and answers as the test tells it to (fail, hang, succeed).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<Task<int>>> _plan = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Set once the portal has shown the endpoint's secret.</summary>
    public string? Secret { get; set; }

    public Uri Url => new(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hooks/fullscript");

    /// <summary>Every answer not planned is 200.</summary>
    public void FailNext(int times, int status = 500)
    {
        for (var i = 0; i < times; i++) _plan.Enqueue(() => Task.FromResult(status));
    }

    public void HangNext(TimeSpan delay) => _plan.Enqueue(async () =>
    {
        await Task.Delay(delay);
        return 200;
    });

    public void FailAlways(int status = 500) => _alwaysFail = status;

    public void Recover() => _alwaysFail = null;

    private int? _alwaysFail;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/fullscript", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        var webhook = new StandardWebhook(Secret!);
        bool verified;
        try
        {
            webhook.Verify(body, request.Headers);
            verified = true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            verified = false; // also when the portal's fake clock is hours ahead of this machine's
        }
        string id = request.Headers["webhook-id"]!, timestamp = request.Headers["webhook-timestamp"]!;
        var expected = webhook.Sign(id, DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)), body);
        var matches = request.Headers["webhook-signature"].ToString().Split(' ').Contains(expected);
        Received.Enqueue(new ReceivedWebhook(id, timestamp, body, verified, matches));
        var status = _plan.TryDequeue(out var next) ? await next() : _alwaysFail ?? 200;
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
