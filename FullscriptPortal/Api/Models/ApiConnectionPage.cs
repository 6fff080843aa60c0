namespace FullscriptPortal.Api;

/// <summary>One page of connections; pass <c>next_cursor</c> back as <c>cursor</c> for the next one (null: the last page).</summary>
public sealed record ApiConnectionPage(IReadOnlyList<ApiConnection> Items, string? NextCursor);
