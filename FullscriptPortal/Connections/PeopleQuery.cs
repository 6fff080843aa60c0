namespace FullscriptPortal.Connections;

/// <summary>Which rows a grid asks for. <see cref="State"/> null means every state; <see cref="Set"/> narrows to a coverage
/// tile's set.</summary>
public sealed record PeopleQuery(string? Search = null, ConnectionState? State = null, bool OnlyNeedingAttention = false,
    PeopleSort Sort = PeopleSort.Name, bool Descending = false, int Page = 0, int PageSize = 25, PeopleSet? Set = null)
{
    public const int MaxPageSize = 200;
    public const int MaxSearchLength = 100;
}
