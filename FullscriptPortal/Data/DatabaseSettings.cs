namespace FullscriptPortal.Data;

/// <summary>Reads which database the portal uses, with a sentence naming the setting to fix when it is wrong.</summary>
public static class DatabaseSettings
{
    public const string ProviderKey = "Database:Provider";
    public const string PostgresConnectionName = "Portal";

    /// <summary><c>Database:Provider</c>: Sqlite when unset.</summary>
    public static StoreProvider Provider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value)) return StoreProvider.Sqlite;
        return Enum.TryParse<StoreProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderKey} is '{value}': use Sqlite (the default, one instance) or Postgres (several instances sharing ConnectionStrings:{PostgresConnectionName}).");
    }

    /// <summary><c>ConnectionStrings:Portal</c>, required with Postgres.</summary>
    public static string PostgresConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(PostgresConnectionName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"{ProviderKey} is Postgres but ConnectionStrings:{PostgresConnectionName} is not set: set it to the server's connection string, " +
                $"e.g. the environment variable ConnectionStrings__{PostgresConnectionName}=\"Host=db.internal;Database=portal;Username=portal;Password=...\".")
            : connectionString;
    }
}
