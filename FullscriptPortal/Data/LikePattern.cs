namespace FullscriptPortal.Data;

/// <summary>Searches with SQL LIKE take what people type literally (their % and _ are not wildcards) and ignore case on
/// every provider: SQLite's LIKE ignores case but PostgreSQL's does not, so patterns made here are lower case and are
/// compared with the column's <c>ToLower()</c> (SQL lower()).</summary>
public static class LikePattern
{
    /// <summary>The escape character to pass to <c>EF.Functions.Like</c> with patterns made here.</summary>
    public const string Escape = "\\";

    /// <summary>A lower-case pattern matching values that contain <paramref name="text"/>; match it against
    /// <c>column.ToLower()</c>.</summary>
    public static string Containing(string text) =>
        "%" + text.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
