namespace FullscriptPortal.Connections;

/// <summary>Whose people a viewer's queries cover: every clinic's (support), one clinic's (its manager), or nobody's.</summary>
public enum ViewerScope
{
    Nobody,
    OneClinic,
    Everyone,
}
