using Microsoft.Data.Sqlite;

namespace FullscriptPortal.Data;

public static class SqliteDatabase
{
    /// <summary>How long a command may wait for the database, the writer's lock included.</summary>
    public const int TimeoutSeconds = 30;

    /// <summary>A connection string for a SQLite file; relative paths are under the content root, and the folder is created.</summary>
    public static string ConnectionString(string contentRoot, string path)
    {
        var fullPath = Path.GetFullPath(path, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        return new SqliteConnectionStringBuilder { DataSource = fullPath, Cache = SqliteCacheMode.Default, DefaultTimeout = TimeoutSeconds }.ToString();
    }
}
