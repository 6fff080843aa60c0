namespace FullscriptPortal.Data;

/// <summary>Searches with SQL LIKE take what people type literally: their % and _ are not wildcards.</summary>
public static class LikePattern
{
    /// <summary>The escape character to pass to <c>EF.Functions.Like</c> with patterns made here.</summary>
    public const string Escape = "\\";

    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
