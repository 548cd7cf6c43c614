using System.Threading.Channels;

namespace Connect.Grpc.Messaging;

/// <summary>
/// Wakes the dispatcher right after a commit that enqueued a message, so a code reaches the person in
/// milliseconds (the dispatcher waits 25 ms for the call's answer to leave first) rather than at the next poll. Any number of notifications before a wait count as one.
/// </summary>
public sealed class OutboxSignal(TimeProvider timeProvider)
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _pending.Writer.TryWrite(true);

    /// <summary>Waits until notified or until <paramref name="timeout"/> passed on the <see cref="TimeProvider"/>.</summary>
    /// <returns>True when notified.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_pending.Reader.TryRead(out _)) return true;
        // A token that the time provider cancels, so tests with a fake clock control the poll too; and the
        // channel's wait is cancelled with it, so no waiter is left behind after a timeout.
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        try
        {
            await _pending.Reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        return _pending.Reader.TryRead(out _);
    }
}
