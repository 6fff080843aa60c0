namespace FullscriptPortal.Tests.Infrastructure;

/// <summary>Waits for something another thread or process makes true, checking often, and fails with what was awaited.
/// The limit is generous because the machines are shared; a passing test never waits for it.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {(limit ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} seconds for this: {what}.");
            await Task.Delay(50);
        }
    }
}
