using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Auth;

/// <summary>Throttles sign-in by client instead of locking accounts: a limit on posts per client, and on failed attempts per
/// (account, client) pair. A stranger hammering an account slows only their own network; the owner signing in from
/// elsewhere is never blocked. The same for known and unknown e-mail addresses.</summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _posts;
    private readonly PartitionedRateLimiter<string> _failures;

    public SignInThrottle(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _posts = Create(limits.SignIn);
        _failures = Create(limits.SignInFailures);
    }

    /// <summary>Counts one sign-in attempt; null when it may go ahead, otherwise how long the client should wait.</summary>
    public TimeSpan? TryAttempt(IPAddress? client, string email)
    {
        using var post = _posts.AttemptAcquire(ClientKey(client));
        if (!post.IsAcquired) return RetryAfter(post);
        // Zero permits: only asks whether this pair still has failures left; a failure is counted by RecordFailure.
        using var failures = _failures.AttemptAcquire(PairKey(client, email), 0);
        return failures.IsAcquired ? null : RetryAfter(failures);
    }

    public void RecordFailure(IPAddress? client, string email)
    {
        using var _ = _failures.AttemptAcquire(PairKey(client, email));
    }

    /// <summary>The client as the rate limits see it: the remote address after forwarded headers.</summary>
    public static string ClientKey(IPAddress? client) => client?.ToString() ?? "unknown";

    private static string PairKey(IPAddress? client, string email) => $"{email.Trim().ToUpperInvariant()}|{ClientKey(client)}";

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1);

    private static PartitionedRateLimiter<string> Create(ClientLimit limit) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        }));

    public void Dispose()
    {
        _posts.Dispose();
        _failures.Dispose();
    }
}
