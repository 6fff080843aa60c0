using System.Collections.Concurrent;
using FullscriptPortal.Lifecycle;

namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>A budget ledger in memory: what this instance added, and a number of calls the "other instances" made.</summary>
public sealed class FakeCallLedger : IFullscriptCallLedger
{
    private int _added;

    /// <summary>What <see cref="OthersSinceAsync"/> answers.</summary>
    public int Calls { get; set; }

    public int Added => _added;

    public ConcurrentDictionary<long, int> Seconds { get; } = new();

    public Task AddAsync(IReadOnlyCollection<KeyValuePair<long, int>> callsBySecond, CancellationToken cancellationToken)
    {
        foreach (var (second, calls) in callsBySecond)
        {
            Seconds.AddOrUpdate(second, calls, (_, before) => before + calls);
            Interlocked.Add(ref _added, calls);
        }
        return Task.CompletedTask;
    }

    public Task<int> OthersSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) => Task.FromResult(Calls);
}
