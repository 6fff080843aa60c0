using FullscriptPortal.Data;

namespace FullscriptPortal.Connections;

/// <summary>Every value a people query compares with, in one place, so the query reads them as SQL parameters: a page's
/// compiled query (<see cref="CompiledPeoplePages"/>) takes them as its arguments and is reused for any clinic, search,
/// time or page.</summary>
/// <param name="ClinicId">The manager's clinic (unused for support and for nobody).</param>
/// <param name="Pattern">The search as a LIKE pattern (<see cref="LikePattern"/>), or null without a search.</param>
/// <param name="Now">The instant expiry is judged at.</param>
/// <param name="Soon">The end of the "expiring soon" window.</param>
/// <param name="State">The state filtered by, when one is.</param>
/// <param name="Skip">Rows before the page.</param>
/// <param name="Take">Rows read.</param>
public sealed record PeopleQueryValues(int ClinicId, string? Pattern, DateTimeOffset Now, DateTimeOffset Soon, ConnectionState State, int Skip, int Take)
{
    /// <summary>The expiring-soon window, as the coverage tiles count it.</summary>
    public static readonly TimeSpan SoonWindow = TimeSpan.FromMinutes(15);

    public static PeopleQueryValues For(int? clinicId, PeopleQuery query, DateTimeOffset now, int skip = 0, int take = 0) => new(
        clinicId ?? 0,
        query.Search?.Trim() is { Length: > 0 } search ? LikePattern.Containing(search[..Math.Min(search.Length, PeopleQuery.MaxSearchLength)]) : null,
        now,
        now + SoonWindow,
        query.State ?? default,
        skip,
        take);
}
