namespace FullscriptPortal.Home;

/// <summary>How a line of the activity feed reads at a glance, and so the colour of its dot.</summary>
public enum ActivityTone
{
    /// <summary>Went as it should (connected, renewed, checked): success green.</summary>
    Fine,

    /// <summary>A deliberate end, neither good nor bad (a disconnect): grey.</summary>
    Neutral,

    /// <summary>Went wrong or was stopped by someone else (a failure, a revocation by support): the warning colour.</summary>
    Warning,
}
