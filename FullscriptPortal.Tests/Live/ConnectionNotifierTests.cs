using FullscriptPortal.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace FullscriptPortal.Tests.Live;

/// <summary>A change wakes only the subscriptions whose keys it touches.</summary>
public sealed class ConnectionNotifierTests
{
    private const int ClinicA = 1;
    private const int ClinicB = 2;

    private readonly ConnectionNotifier _notifier = new(NullLogger<ConnectionNotifier>.Instance);
    private readonly List<(string Subscriber, ConnectionChange Change)> _heard = [];

    private IDisposable Listen(string name, params ChangeKey[] keys) => _notifier.Subscribe(keys, change =>
    {
        lock (_heard) _heard.Add((name, change));
        return Task.CompletedTask;
    });

    private IEnumerable<string> Woken => _heard.Select(h => h.Subscriber);

    [Fact]
    public void A_change_for_clinic_A_does_not_wake_a_clinic_B_subscriber()
    {
        using var a = Listen("A", ChangeKey.Clinic(ClinicA));
        using var b = Listen("B", ChangeKey.Clinic(ClinicB));

        _notifier.Publish([new ConnectionChange(Guid.NewGuid(), null, ClinicA)]);

        Woken.Should().Equal("A");
    }

    [Fact]
    public void A_change_to_a_persons_connection_wakes_their_clinics_people_but_not_the_clinics_own_connection_or_another_clinic()
    {
        using var managerA = Listen("manager A", ChangeKey.PeopleOf(ClinicA));
        using var managerB = Listen("manager B", ChangeKey.PeopleOf(ClinicB));
        using var clinicConnection = Listen("clinic A's own connection", ChangeKey.Clinic(ClinicA));

        _notifier.Publish([new ConnectionChange(Guid.NewGuid(), "x", null, PersonClinicId: ClinicA)]);

        Woken.Should().Equal("manager A");
    }

    [Fact]
    public void A_change_for_user_X_wakes_Xs_subscription_and_no_one_elses()
    {
        using var x = Listen("X", ChangeKey.User("x"));
        using var y = Listen("Y", ChangeKey.User("y"));

        _notifier.Publish([new ConnectionChange(Guid.NewGuid(), "x", null)]);

        Woken.Should().Equal("X");
        _heard.Single().Change.UserId.Should().Be("x");
    }

    [Fact]
    public void A_subscription_by_connection_hears_that_connection_only()
    {
        var mine = Guid.NewGuid();
        using var subscription = Listen("mine", ChangeKey.Connection(mine));

        _notifier.Publish([new ConnectionChange(Guid.NewGuid(), "x", null), new ConnectionChange(mine, "x", null)]);

        _heard.Should().ContainSingle().Which.Change.ConnectionId.Should().Be(mine);
    }

    [Fact]
    public void All_hears_every_change()
    {
        using var support = Listen("support", ChangeKey.All);

        _notifier.Publish([new ConnectionChange(Guid.NewGuid(), "x", null), new ConnectionChange(Guid.NewGuid(), null, ClinicB)]);

        _heard.Should().HaveCount(2);
    }

    [Fact]
    public void A_change_matching_several_keys_of_one_subscription_wakes_it_once()
    {
        using var panel = Listen("panel", ChangeKey.User("x"), ChangeKey.Clinic(ClinicA), ChangeKey.All);

        _notifier.Publish([new ConnectionChange(Guid.NewGuid(), "x", ClinicA)]);

        Woken.Should().Equal("panel");
    }

    [Fact]
    public void A_disposed_subscription_hears_nothing_and_leaves_the_others_listening()
    {
        var gone = Listen("gone", ChangeKey.User("x"));
        using var stays = Listen("stays", ChangeKey.User("x"));

        gone.Dispose();
        gone.Dispose();
        _notifier.Publish([new ConnectionChange(Guid.NewGuid(), "x", null)]);

        Woken.Should().Equal("stays");
    }

    [Fact]
    public void A_failing_subscriber_does_not_stop_the_others()
    {
        using var failing = _notifier.Subscribe(ChangeKey.User("x"), _ => throw new InvalidOperationException("circuit gone"));
        using var other = Listen("other", ChangeKey.User("x"));

        _notifier.Publish([new ConnectionChange(Guid.NewGuid(), "x", null)]);

        Woken.Should().Equal("other");
    }
}
