using System.Collections.Concurrent;
using FullscriptPortal.Connections;
using FullscriptPortal.People;
using Microsoft.Extensions.Logging.Abstractions;

namespace FullscriptPortal.Tests.People.Bulk;

/// <summary>The runner behind every bulk action: a bounded number of items at once, Cancel starts no new one (the running
/// ones finish), and each row gets its own outcome, an item that throws included.</summary>
public sealed class BulkRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static List<PersonRow> Rows(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new PersonRow($"user-{i}", $"Person {i}", $"p{i}@example.test", "Staff", 1, null, null, null))];

    /// <summary>Items that wait until the test releases them, and say which have started.</summary>
    private sealed class GatedWork
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
        private int _running;

        public ConcurrentQueue<string> Started { get; } = new();
        public int MostAtOnce { get; private set; }

        public async Task<BulkItemOutcome> RunAsync(PersonRow row)
        {
            var running = Interlocked.Increment(ref _running);
            lock (_gates) MostAtOnce = Math.Max(MostAtOnce, running);
            Started.Enqueue(row.UserId);
            await Gate(row.UserId).Task;
            Interlocked.Decrement(ref _running);
            return new(row.UserId, row.DisplayName, BulkResult.Done);
        }

        public void Release(string userId) => Gate(userId).TrySetResult();

        public async Task WaitForStartedAsync(int count)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (Started.Count < count && DateTime.UtcNow < deadline) await Task.Delay(10);
            Started.Should().HaveCount(count);
        }

        private TaskCompletionSource Gate(string userId) => _gates.GetOrAdd(userId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    [Fact]
    public async Task No_more_than_four_items_run_at_once_and_each_finished_one_lets_the_next_start()
    {
        var rows = Rows(10);
        var work = new GatedWork();
        var finished = new ConcurrentQueue<BulkItemOutcome>();

        var run = BulkRunner.RunAsync(rows, work.RunAsync, o => { finished.Enqueue(o); return Task.CompletedTask; }, NullLogger.Instance, CancellationToken.None);

        await work.WaitForStartedAsync(BulkRunner.Concurrency);
        work.Started.Should().Equal("user-1", "user-2", "user-3", "user-4");
        work.Release("user-2");
        await work.WaitForStartedAsync(5);
        work.Started.Should().EndWith("user-5", "one finished item lets exactly one more start");
        foreach (var row in rows) work.Release(row.UserId);
        var outcomes = await run.WaitAsync(Patience);

        work.MostAtOnce.Should().Be(BulkRunner.Concurrency);
        outcomes.Select(o => o.UserId).Should().Equal(rows.Select(r => r.UserId), "one outcome per row, in the rows' order");
        outcomes.Should().OnlyContain(o => o.Result == BulkResult.Done);
        finished.Should().HaveCount(10, "progress hears of every item");
    }

    [Fact]
    public async Task Cancel_starts_no_new_item_lets_the_running_ones_finish_and_reports_the_rest_as_not_started()
    {
        var rows = Rows(6);
        var work = new GatedWork();
        using var stop = new CancellationTokenSource();

        var run = BulkRunner.RunAsync(rows, work.RunAsync, _ => Task.CompletedTask, NullLogger.Instance, stop.Token, concurrency: 2);
        await work.WaitForStartedAsync(2);
        await stop.CancelAsync();
        work.Release("user-1");
        work.Release("user-2");
        var outcomes = await run.WaitAsync(Patience);

        work.Started.Should().Equal("user-1", "user-2");
        outcomes.Select(o => o.Result).Should().Equal(BulkResult.Done, BulkResult.Done,
            BulkResult.NotStarted, BulkResult.NotStarted, BulkResult.NotStarted, BulkResult.NotStarted);
        outcomes.Where(o => o.Result == BulkResult.NotStarted).Should().OnlyContain(o => o.Retryable, "what never started stays selected to run again");
    }

    [Fact]
    public async Task Each_row_gets_its_own_outcome_and_an_item_that_throws_is_a_failure_not_an_exception()
    {
        var rows = Rows(5);
        var logged = new List<string>();

        var outcomes = await BulkRunner.RunAsync(rows, row => row.UserId switch
        {
            "user-2" => throw new InvalidOperationException("boom"),
            "user-3" => Task.FromResult(new BulkItemOutcome(row.UserId, row.DisplayName, BulkResult.Failed, BulkReasons.NotAnswering)),
            "user-4" => Task.FromResult(new BulkItemOutcome(row.UserId, row.DisplayName, BulkResult.Skipped, BulkReasons.NotConnected)),
            _ => Task.FromResult(new BulkItemOutcome(row.UserId, row.DisplayName, BulkResult.Done)),
        }, o => { logged.Add(o.UserId); return Task.CompletedTask; }, NullLogger.Instance, CancellationToken.None);

        outcomes.Select(o => (o.UserId, o.Result, o.Reason)).Should().Equal(
            ("user-1", BulkResult.Done, null),
            ("user-2", BulkResult.Failed, BulkReasons.Unexpected),
            ("user-3", BulkResult.Failed, BulkReasons.NotAnswering),
            ("user-4", BulkResult.Skipped, BulkReasons.NotConnected),
            ("user-5", BulkResult.Done, null));
        logged.Should().HaveCount(5);
        BulkSummary.Of(BulkAction.Disconnect, outcomes).Should().Be(
            "2 disconnected, 2 failed: something went wrong (1), Fullscript not answering (1), 1 skipped: not connected");
    }
}
