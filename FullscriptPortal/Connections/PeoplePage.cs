namespace FullscriptPortal.Connections;

/// <summary>A page of rows and how many match in all. <see cref="TotalKnown"/> false: nobody counted yet, and
/// <see cref="Total"/> only says whether more rows follow (one past this page when they do).</summary>
public sealed record PeoplePage(IReadOnlyList<PersonRow> Rows, int Total, bool TotalKnown = true);
