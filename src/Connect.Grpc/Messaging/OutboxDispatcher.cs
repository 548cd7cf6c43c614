using Connect.Grpc.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Messaging;

/// <summary>
/// Delivers due outbox messages, when woken by <see cref="OutboxSignal"/> and at every poll interval. A failed
/// delivery is retried with a growing delay and never given up, so an outage only delays a message. Several replicas
/// may run one each over one store: a dispatcher first claims a message with a lease in a store write, so exactly one
/// delivers it, and a message whose holder died is due again when the lease ends (decision 0032). Delivery is still
/// at least once: a crash between handing a message over and marking it delivered sends it again.
/// Logs name the message id and channel only, never a recipient, subject or body.
/// </summary>
public sealed partial class OutboxDispatcher(
    IStore store,
    IEmailTransport email,
    ISmsGateway sms,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int MaxErrorLength = 500;

    /// <summary>This dispatcher's name in <see cref="OutboxMessage.LeasedBy"/>: new at every start, so a restarted process never finishes its predecessor's leases.</summary>
    public string InstanceId { get; } = Ids.New();

    /// <summary>Real time, not the <see cref="TimeProvider"/>'s: a pause for the answer to leave, not a rule of the domain.</summary>
    private static readonly TimeSpan AfterWakeUp = TimeSpan.FromMilliseconds(25);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting; the store is read below.
        await Task.Yield();
        LogStarted(logger, email.GetType().Name, sms.GetType().Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            var fullBatch = false;
            try
            {
                fullBatch = await DispatchDueAsync(stoppingToken) >= options.Value.BatchSize;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store itself failed; messages stay due, so the next pass picks them up.
                LogPassFailed(logger, e.GetType().Name, e.Message);
            }
            if (fullBatch) continue;
            try
            {
                // Woken by a commit: the call that queued the message answers first, so that delivering a real message
                // (an e-mail written or sent, where an unknown address's decoy is only deleted) never adds to the time
                // of that answer, which would tell a known address from an unknown one (decision 0019).
                if (await signal.WaitAsync(options.Value.PollInterval, stoppingToken)) await Task.Delay(AfterWakeUp, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One pass: tries every due message of one batch once, skipping those another dispatcher claimed first.</summary>
    /// <returns>How many due messages the pass read.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var due = store.Read(r => r.DueOutboxMessages(now, options.Value.BatchSize));
        foreach (var message in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var claimed = Claim(message.Id);
            if (claimed is null) continue;
            if (claimed.Decoy) LogDecoyDropped(logger, claimed.Id);
            else await DeliverAsync(claimed, cancellationToken);
        }
        return due.Count;
    }

    /// <summary>
    /// Leases the message to this dispatcher if it is still due, checked inside the write: writes are serialised, so of
    /// dispatchers reading the same due message exactly one claims it and the others find it no longer due. A decoy's
    /// claim is its deletion: its work was done when it was stored, and unknown addresses leave no messages behind.
    /// </summary>
    /// <returns>The claimed (or, for a decoy, deleted) message, or null when it was taken, delivered or deleted meanwhile.</returns>
    private OutboxMessage? Claim(string id)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return store.Write(w =>
        {
            var current = w.Get<OutboxMessage>(id);
            if (current?.DueAt is not { } dueAt || dueAt > now) return null;
            if (current.Decoy)
            {
                w.Delete<OutboxMessage>(id);
                return current;
            }
            current.DueAt = now + options.Value.LeaseDuration;
            current.LeasedBy = InstanceId;
            w.Update(current);
            return current;
        });
    }

    private async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            await (message.Channel switch
            {
                MessageChannel.Email => email.SendAsync(
                    new EmailToSend(message.Id, message.To, message.Subject, message.Body, message.CreatedAt), cancellationToken),
                MessageChannel.Sms => sms.SendAsync(
                    new SmsToSend(message.Id, message.To, message.Body, message.CreatedAt), cancellationToken),
                _ => throw new InvalidOperationException($"Unknown channel {message.Channel}."),
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the lease stays, and the message is due again when it ends.
            throw;
        }
        catch (Exception e)
        {
            error = Describe(e, message.Body);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var stored = store.Write(w =>
        {
            var current = w.Get<OutboxMessage>(message.Id);
            // Our lease ended and another dispatcher claimed the message: its outcome is the one that counts.
            if (current is null || current.LeasedBy != InstanceId) return null;
            current.Attempts++;
            current.LeasedBy = null;
            if (error is null)
            {
                current.SentAt = now;
                current.DueAt = null;
                current.LastError = null;
                // The body may carry a code; once delivered it has no reason to stay.
                current.Body = "";
            }
            else
            {
                current.DueAt = now + RetryDelay(current.Attempts);
                current.LastError = error;
            }
            w.Update(current);
            return current;
        });

        if (stored is null) LogLeaseLost(logger, message.Id, message.Channel);
        else if (error is null) LogDelivered(logger, stored.Id, stored.Channel, stored.Attempts);
        else LogRetry(logger, stored.Id, stored.Channel, stored.Attempts, stored.DueAt, error);
    }

    /// <summary>First retry delay doubled per further failure, capped at the maximum.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var first = options.Value.FirstRetryDelay;
        var max = options.Value.MaxRetryDelay;
        // The exponent is capped so that years of retries never overflow.
        var ticks = first.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 40));
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    // Type and message, never the body: a transport could quote what it was given.
    private static string Describe(Exception e, string body)
    {
        var text = e.GetType().Name + ": " + e.Message;
        if (e.InnerException is { } inner) text += " (" + inner.GetType().Name + ": " + inner.Message + ")";
        if (body.Length > 0) text = text.Replace(body, "[body]", StringComparison.Ordinal);
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox dispatcher started: e-mail through {EmailTransport}, SMS through {SmsGateway}.")]
    private static partial void LogStarted(ILogger logger, string emailTransport, string smsGateway);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} ({Channel}) delivered at attempt {Attempts}.")]
    private static partial void LogDelivered(ILogger logger, string messageId, MessageChannel channel, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Channel}) failed at attempt {Attempts}, next try at {DueAt:O}: {Error}")]
    private static partial void LogRetry(ILogger logger, string messageId, MessageChannel channel, int attempts, DateTime? dueAt, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {MessageId} was a decoy (an unknown address's answer) and was dropped unsent.")]
    private static partial void LogDecoyDropped(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Channel}): this dispatcher's lease ended and another took the message over (or it is gone); its outcome is left as it is.")]
    private static partial void LogLeaseLost(ILogger logger, string messageId, MessageChannel channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch pass failed ({ErrorType}: {Error}); due messages stay due.")]
    private static partial void LogPassFailed(ILogger logger, string errorType, string error);
}
