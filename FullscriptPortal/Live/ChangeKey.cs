namespace FullscriptPortal.Live;

/// <summary>What a subscriber shows, so a change wakes only the circuits that show it: one connection, one person's
/// connection, a clinic's own connection (clinic-level authorization), any of a clinic's people's connections, or every
/// change.</summary>
public readonly record struct ChangeKey
{
    private ChangeKey(string value) => Value = value;

    private string Value { get; }

    public static ChangeKey All { get; } = new("all");

    public static ChangeKey Connection(Guid connectionId) => new($"connection:{connectionId:N}");

    public static ChangeKey User(string userId) => new($"user:{userId}");

    public static ChangeKey Clinic(int clinicId) => new($"clinic:{clinicId}");

    /// <summary>Any connection of a clinic's people: what a manager's counts and grid follow.</summary>
    public static ChangeKey PeopleOf(int clinicId) => new($"people:{clinicId}");

    /// <summary>Every key a change wakes.</summary>
    public static IEnumerable<ChangeKey> Of(ConnectionChange change)
    {
        yield return All;
        yield return Connection(change.ConnectionId);
        if (change.UserId is { } userId) yield return User(userId);
        if (change.ClinicId is { } clinicId) yield return Clinic(clinicId);
        if (change.PersonClinicId is { } personClinicId) yield return PeopleOf(personClinicId);
    }

    public override string ToString() => Value;
}
