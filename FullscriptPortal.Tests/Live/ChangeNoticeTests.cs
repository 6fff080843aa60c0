using System.Text;
using System.Text.Json;
using FullscriptPortal.Connections;
using FullscriptPortal.Live;

namespace FullscriptPortal.Tests.Live;

/// <summary>What travels between instances on the NOTIFY channel: whose connection changed and to what version and
/// state, in payloads PostgreSQL accepts.</summary>
public sealed class ChangeNoticeTests
{
    private const int PostgresPayloadLimit = 8000;

    [Fact]
    public void A_notice_carries_the_keys_subscribers_follow_and_the_version_and_state()
    {
        var change = new ConnectionChange(Guid.NewGuid(), "user-1", 3, PersonClinicId: 4, Version: 17, State: ConnectionState.Revoked);

        var payload = ChangeNotice.Encode("instance-a", [change]).Should().ContainSingle().Subject;

        var notice = ChangeNotice.Decode(payload)!;
        notice.Instance.Should().Be("instance-a");
        notice.Changes.Should().Equal(change);
        ChangeKey.Of(notice.Changes[0]).Should().Equal(ChangeKey.Of(change));
    }

    [Fact]
    public void A_notice_holds_only_ids_version_and_state_never_anything_else_of_the_connection()
    {
        var payload = ChangeNotice.Encode("instance-a", [new ConnectionChange(Guid.NewGuid(), "user-1", 3, 4, 17, ConnectionState.Active)]).Single();

        var fields = JsonDocument.Parse(payload).RootElement.GetProperty("changes")[0].EnumerateObject().Select(p => p.Name);
        fields.Should().BeEquivalentTo(["connectionId", "userId", "clinicId", "personClinicId", "version", "state"]);
    }

    [Fact]
    public void A_save_of_many_connections_is_split_into_payloads_under_postgres_limit_and_loses_none()
    {
        // Identity allows user ids of up to 450 characters.
        var changes = Enumerable.Range(0, 500)
            .Select(i => new ConnectionChange(Guid.NewGuid(), new string('u', 450), i, i, i, ConnectionState.Active)).ToArray();

        var payloads = ChangeNotice.Encode("instance-a", changes).ToList();

        payloads.Should().HaveCountGreaterThan(1);
        payloads.Should().OnlyContain(p => Encoding.UTF8.GetByteCount(p) < PostgresPayloadLimit);
        payloads.SelectMany(p => ChangeNotice.Decode(p)!.Changes).Should().Equal(changes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("{\"instance\": 5}")]
    [InlineData("{\"changes\": []}")]
    [InlineData("[1, 2]")]
    public void Anything_else_on_the_channel_is_not_a_notice(string payload) => ChangeNotice.Decode(payload).Should().BeNull();
}
