using Connect.Grpc.Messaging;

namespace Connect.Grpc.Tests.Messaging;

/// <summary>
/// A real gateway behind a hold: <see cref="SendAsync"/> waits until the test releases it (or cancels the pass), so a
/// test can stop a dispatcher between claiming a message and recording the outcome.
/// </summary>
public sealed class HeldSmsGateway(ISmsGateway inner) : ISmsGateway
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception?> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the dispatcher has handed a message over.</summary>
    public Task Started => _started.Task;

    /// <summary>Lets the held send finish: through the real gateway, or failing with <paramref name="failure"/>.</summary>
    public void Release(Exception? failure = null) => _release.SetResult(failure);

    public async Task SendAsync(SmsToSend sms, CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        if (await _release.Task.WaitAsync(cancellationToken) is { } failure) throw failure;
        await inner.SendAsync(sms, cancellationToken);
    }
}
