using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Connect.Client.Tests;

/// <summary>
/// The first middleware of a real server: it writes down the method of every call that reaches that server, and holds
/// the calls of a method it is told to hold until their connection dies, so that a test can kill the server with a call
/// in flight.
/// </summary>
public sealed class ReplicaProbe : IStartupFilter
{
    private readonly ConcurrentQueue<string> _methods = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();

    /// <summary>How many calls of <paramref name="method"/> reached this server.</summary>
    public int Count(string method) => _methods.Count(seen => seen == method);

    /// <summary>Holds the calls of <paramref name="method"/> from now on; the task completes when the first one arrives.</summary>
    public Task Hold(string method) =>
        _held.GetOrAdd(method, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var method = context.Request.Path.Value?.Split('/').Last() ?? "";
            _methods.Enqueue(method);
            if (_held.TryGetValue(method, out var arrived))
            {
                arrived.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the server died under the call, as the test wanted
                }
            }
            await nextMiddleware(context);
        });
        next(app);
    };
}
