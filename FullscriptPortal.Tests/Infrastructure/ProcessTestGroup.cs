namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>Tests that start several portal processes run by themselves, after the others: on two cores the rest of the
/// suite beside them would starve the processes they time, and they the rest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTestGroup
{
    public const string Name = "processes";
}
