namespace FullscriptPortal.People;

/// <summary>Runs a piece of work (a reload, a count) at most once at a time: asked again while it runs, it runs once more
/// afterwards, however many times it was asked. A burst of live changes costs two queries, not one per change. Used on a
/// circuit's own synchronisation context, so it needs no lock.</summary>
public sealed class CoalescedWork(Func<Task> work)
{
    private bool _running;
    private bool _again;

    public async Task RunAsync()
    {
        if (_running)
        {
            _again = true;
            return;
        }
        _running = true;
        try
        {
            do
            {
                _again = false;
                await work();
            }
            while (_again);
        }
        finally
        {
            _running = false;
        }
    }
}
