using FullscriptPortal.Connections;

namespace FullscriptPortal.People;

/// <summary>Runs one item per row, a few at a time: Fullscript and the database see a bounded number of requests however
/// many rows are selected. Stopping starts no new item; the ones running finish (a disconnect is never cut in half) and
/// the rest come back as <see cref="BulkResult.NotStarted"/>. An item that throws comes back as failed, never as an
/// exception for the circuit.</summary>
public static partial class BulkRunner
{
    /// <summary>How many items run at once.</summary>
    public const int Concurrency = 4;

    /// <param name="rows">The rows to run, started in this order.</param>
    /// <param name="work">One row's item.</param>
    /// <param name="finished">Told of each outcome as it comes (progress); calls never overlap.</param>
    /// <param name="logger">Where an item that threw is logged.</param>
    /// <param name="stop">Cancelled to start no further item.</param>
    /// <param name="concurrency">At most this many items run at once.</param>
    /// <returns>One outcome per row, in the rows' order.</returns>
    public static async Task<IReadOnlyList<BulkItemOutcome>> RunAsync(IReadOnlyList<PersonRow> rows, Func<PersonRow, Task<BulkItemOutcome>> work,
        Func<BulkItemOutcome, Task> finished, ILogger logger, CancellationToken stop, int concurrency = Concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var outcomes = new BulkItemOutcome?[rows.Count];
        var next = -1;
        using var reporting = new SemaphoreSlim(1, 1);

        async Task WorkerAsync()
        {
            int index;
            while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < rows.Count)
            {
                var row = rows[index];
                BulkItemOutcome outcome;
                try
                {
                    outcome = await work(row);
                }
                catch (Exception ex)
                {
                    LogItemFailed(logger, ex, row.UserId);
                    outcome = new(row.UserId, row.DisplayName, BulkResult.Failed, BulkReasons.Unexpected);
                }
                outcomes[index] = outcome;
                await reporting.WaitAsync(CancellationToken.None);
                try { await finished(outcome); }
                finally { reporting.Release(); }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, Math.Max(rows.Count, 1))).Select(_ => WorkerAsync()));
        return [.. outcomes.Select((o, i) => o ?? new BulkItemOutcome(rows[i].UserId, rows[i].DisplayName, BulkResult.NotStarted, "cancelled"))];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A bulk action failed for user {UserId}")]
    private static partial void LogItemFailed(ILogger logger, Exception exception, string userId);
}
