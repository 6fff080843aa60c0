namespace FullscriptPortal.Lifecycle;

/// <summary>Where the instances of one deployment add up their calls to Fullscript.</summary>
public interface IFullscriptCallLedger
{
    /// <summary>Adds this instance's calls, counted per Unix second.</summary>
    Task AddAsync(IReadOnlyCollection<KeyValuePair<long, int>> callsBySecond, CancellationToken cancellationToken);

    /// <summary>The calls the other instances made in the whole seconds after <paramref name="since"/>.</summary>
    Task<int> OthersSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
