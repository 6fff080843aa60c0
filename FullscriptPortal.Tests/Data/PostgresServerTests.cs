using FullscriptPortal.Tests.Infrastructure.Postgres;
using Npgsql;

namespace FullscriptPortal.Tests.Data;

public class PostgresServerTests
{
    [Fact]
    public async Task The_test_run_has_one_server_and_each_portal_its_own_empty_database()
    {
        PostgresServer.Shared.Should().BeSameAs(PostgresServer.Shared);
        var first = PostgresServer.Shared.CreateDatabase();
        var second = PostgresServer.Shared.CreateDatabase();
        first.Should().NotBe(second);

        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE marker (id int)", connection);
            await create.ExecuteNonQueryAsync();
        }
        await using (var connection = new NpgsqlConnection(second))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'", connection);
            ((long)(await count.ExecuteScalarAsync())!).Should().Be(0, "databases of different portals share nothing");
            await using var listen = new NpgsqlCommand("SHOW listen_addresses", connection);
            (await listen.ExecuteScalarAsync()).Should().Be("127.0.0.1");
        }
    }
}
