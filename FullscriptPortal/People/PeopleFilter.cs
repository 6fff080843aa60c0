using FullscriptPortal.Connections;

namespace FullscriptPortal.People;

/// <summary>What the viewer chose above the people grid. Search and state are remembered between visits; sort is not.
/// A coverage tile's set (<see cref="Set"/>) comes from the address only.</summary>
public sealed record PeopleFilter(string? Search = null, ConnectionState? State = null, PeopleSort Sort = PeopleSort.Name, bool Descending = false,
    PeopleSet? Set = null)
{
    public bool IsEmpty => string.IsNullOrEmpty(Search) && State is null && Set is null;

    public PeopleQuery ToQuery(bool onlyNeedingAttention, int page, int pageSize) =>
        new(Search, State, onlyNeedingAttention, Sort, Descending, page, pageSize, Set);
}
