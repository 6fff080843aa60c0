using FullscriptPortal.Connections;

namespace FullscriptPortal.People;

/// <summary>What the viewer chose above the people grid. Search and state are remembered between visits; sort is not.</summary>
public sealed record PeopleFilter(string? Search = null, ConnectionState? State = null, PeopleSort Sort = PeopleSort.Name, bool Descending = false)
{
    public bool IsEmpty => string.IsNullOrEmpty(Search) && State is null;

    public PeopleQuery ToQuery(bool onlyNeedingAttention, int page, int pageSize) =>
        new(Search, State, onlyNeedingAttention, Sort, Descending, page, pageSize);
}
