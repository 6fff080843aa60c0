using FullscriptPortal.Live;
using Npgsql;

namespace FullscriptPortal.Tests.Infrastructure.Postgres;

/// <summary>Sends a notice on the portal's change channel as another instance (or a stranger) would.</summary>
public static class PostgresNotices
{
    public static async Task SendAsync(string connectionString, string payload)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        notify.Parameters.AddWithValue("channel", CrossInstanceChannel.Name);
        notify.Parameters.AddWithValue("payload", payload);
        await notify.ExecuteNonQueryAsync();
    }
}
