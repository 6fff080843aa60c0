using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace FullscriptPortal.Fullscript;

/// <summary>Short in-call retries for Fullscript's transient failures (5xx, 408, network errors, attempt timeouts).
/// Longer waits, such as a 429's Retry-After, belong to the connection's own back-off, not to a request in flight.</summary>
public static class FullscriptResilience
{
    public static readonly HttpRequestOptionsKey<bool> DoNotRetry = new("Fullscript.DoNotRetry");

    public static IHttpClientBuilder AddFullscriptResilience(this IHttpClientBuilder client)
    {
        client.AddResilienceHandler("fullscript", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<FullscriptOptions>>().CurrentValue.Retry;
            // Backing off between attempts is network time, measured on the wall clock even when a test fakes the clock.
            pipeline.TimeProvider = TimeProvider.System;
            if (options.MaxAttempts > 1)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxAttempts - 1,
                    Delay = options.BaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, args.Context)),
                });
            }
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return client;
    }

    private static bool IsRetryable(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (context.GetRequestMessage()?.Options.TryGetValue(DoNotRetry, out var doNotRetry) == true && doNotRetry) return false;
        if (outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException) return true;
        return outcome.Result?.StatusCode is { } status && (status == HttpStatusCode.RequestTimeout || (int)status >= 500);
    }
}
