namespace FullscriptPortal.Bench.Harness;

/// <summary>One case of the bench: measured once per repeat, each run a fresh set of figures. A case that keeps a portal
/// between its runs disposes it in <see cref="DisposeAsync"/>.</summary>
internal abstract class BenchCase : IAsyncDisposable
{
    /// <summary>The name <c>--cases</c> selects it by.</summary>
    public abstract string Key { get; }

    public abstract string Title { get; }

    /// <summary>What the case does and what its figures show, for the report.</summary>
    public abstract string Shows { get; }

    public virtual IReadOnlyList<Goal> Goals => [];

    public abstract Task<IReadOnlyList<Figure>> RunOnceAsync(BenchContext context, int run);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
