namespace FullscriptPortal.Data;

/// <summary>The database behind the portal: <c>Database:Provider</c>.</summary>
public enum StoreProvider
{
    /// <summary>An embedded file (<c>Database:Path</c>); the default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>ConnectionStrings:Portal</c>), which several instances share.</summary>
    Postgres,
}
