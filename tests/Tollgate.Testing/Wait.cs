using System.Diagnostics;

namespace Tollgate.Testing;

/// <summary>Polls a condition until it holds or a deadline passes; returns how long it took.</summary>
public static class Wait
{
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return watch.Elapsed;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Condition still false after {timeout.TotalMilliseconds:0} ms.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>
    /// How long until every probe holds, each polled in a loop of its own (so the figure is bounded by one
    /// request's latency, not by a round of all of them); throws when one still fails after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<TimeSpan> AllHoldAsync(TimeSpan timeout, params Func<Task<bool>>[] probes)
    {
        var watch = Stopwatch.StartNew();
        var times = await Task.WhenAll(probes.Select(async probe =>
        {
            while (!await probe())
            {
                if (watch.Elapsed > timeout)
                {
                    throw new TimeoutException($"Condition still false after {timeout.TotalMilliseconds:0} ms.");
                }

                await Task.Delay(5);
            }

            return watch.Elapsed;
        }));
        return times.Max();
    }

    /// <summary>Repeats a request until its response satisfies <paramref name="done"/> (or time runs out) and returns the last response.</summary>
    public static async Task<HttpResponseMessage> ResultAsync(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> done, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var response = await send();
            if (done(response) || watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(5)))
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(20);
        }
    }
}
