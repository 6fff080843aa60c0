namespace FullscriptPortal.Connections;

public sealed record PeoplePage(IReadOnlyList<PersonRow> Rows, int Total);
