using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// One-time 6-digit codes by e-mail and SMS: valid 10 minutes, dead after 5 wrong tries, a new one at most
/// every 60 seconds and 5 an hour per address or number. Only a keyed hash of a code is stored.
/// </summary>
internal sealed class CodeChallenges(Secrets secrets, TimeProvider time, IFlowMetrics metrics, Microsoft.Extensions.Options.IOptions<SecurityOptions> security)
{
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(10);
    public TimeSpan ResendInterval => security.Value.CodeResendInterval;
    public static readonly TimeSpan SendWindow = TimeSpan.FromHours(1);
    public const int MaxSendsPerWindow = 5;
    public const int MaxFailedAttempts = 5;

    /// <summary>
    /// Issues a new code for <paramref name="subjectId"/>, replacing its previous one; returns the code and when the next may be asked for.
    /// <paramref name="sent"/> is false for a code that is made but never sent (a reset for an unknown address).
    /// </summary>
    public (string Code, DateTime NextResend) Issue(IStoreWriter transaction, ChallengePurpose purpose, string subjectId, string destination, bool sent = true)
    {
        var now = time.UtcNow();
        var windowStart = now - SendWindow;
        var recentToDestination = transaction.ChallengesToDestination(destination, windowStart);
        var mine = Recent(transaction, purpose, subjectId, now).ToList();
        // The 60-second wait is for codes still waiting to be typed: once one was used, the next step (a first
        // sign-in right after the number was verified) needs no wait. The hourly limit counts every code.
        var last = recentToDestination.Concat(mine).Where(c => c.ConsumedAt is null).MaxBy(c => c.CreatedAt);
        if (last is not null && now - last.CreatedAt < ResendInterval)
        {
            throw new ConnectException(ErrorReason.ResendTooSoon, $"A new code can be sent {ResendInterval.TotalSeconds:0} seconds after the previous one.")
            {
                RetryAfter = last.CreatedAt + ResendInterval - now,
            };
        }
        if (recentToDestination.Count >= MaxSendsPerWindow)
        {
            throw new ConnectException(ErrorReason.SendLimitReached, "The hourly number of codes for this destination is used up.")
            {
                RetryAfter = recentToDestination.Min(c => c.CreatedAt) + SendWindow - now,
            };
        }
        foreach (var previous in mine.Where(c => c.ConsumedAt is null && c.SupersededAt is null))
        {
            previous.SupersededAt = now;
            transaction.Update(previous);
        }
        var code = Secrets.NewSixDigitCode();
        var challenge = new Challenge
        {
            Purpose = purpose,
            SubjectId = subjectId,
            Destination = destination,
            CreatedAt = now,
            ExpiresAt = now + Validity,
        };
        challenge.CodeHash = secrets.KeyedHash(HashPurpose(challenge.Id), code);
        transaction.Insert(challenge);
        // Counted as the caller queues it in this write; a write that fails after this point is rare enough to overcount.
        if (sent) metrics.CodeSent(IsEmail(purpose) ? "email" : "sms", WireNames.Of(purpose));
        return (code, now + ResendInterval);
    }

    /// <summary>
    /// Checks a code against the subject's current challenge and records the outcome (a failed try counts).
    /// Returns the error to throw once the write has committed, or null when the code was right.
    /// </summary>
    public ConnectException? Verify(IStoreWriter transaction, ChallengePurpose purpose, string subjectId, string? code)
    {
        var now = time.UtcNow();
        var challenge = Current(transaction, purpose, subjectId, now);
        if (challenge is null || challenge.ConsumedAt is not null)
            return new ConnectException(ErrorReason.CodeExpired, "There is no code to verify; ask for a new one.");
        if (challenge.FailedAttempts >= MaxFailedAttempts)
            return new ConnectException(ErrorReason.TooManyAttempts, "Too many wrong codes; ask for a new one.");
        if (now >= challenge.ExpiresAt)
            return new ConnectException(ErrorReason.CodeExpired, "The code has expired; ask for a new one.");
        if (Secrets.ReadSixDigitCode(code) is not { } typed || !secrets.KeyedHashMatches(HashPurpose(challenge.Id), typed, challenge.CodeHash))
        {
            challenge.FailedAttempts++;
            transaction.Update(challenge);
            var left = MaxFailedAttempts - challenge.FailedAttempts;
            return left == 0
                ? new ConnectException(ErrorReason.TooManyAttempts, "Too many wrong codes; ask for a new one.")
                : new ConnectException(ErrorReason.CodeInvalid, "The code is wrong.")
                {
                    Violations = [new FieldViolation("code", "is wrong")],
                    Metadata = new Dictionary<string, string> { ["attempts_left"] = left.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                };
        }
        Consume(transaction, challenge, now);
        return null;
    }

    /// <summary>Marks the subject's current code used (after another proof, such as the e-mail link).</summary>
    public void ConsumeCurrent(IStoreWriter transaction, ChallengePurpose purpose, string subjectId)
    {
        var now = time.UtcNow();
        var challenge = Current(transaction, purpose, subjectId, now);
        if (challenge is not null && challenge.ConsumedAt is null) Consume(transaction, challenge, now);
    }

    /// <summary>The subject's live code: the newest of the last hour that no newer one replaced.</summary>
    private static Challenge? Current(IStoreReader reader, ChallengePurpose purpose, string subjectId, DateTime now) =>
        Recent(reader, purpose, subjectId, now).Where(c => c.SupersededAt is null).MaxBy(c => c.CreatedAt);

    /// <summary>
    /// The subject's codes of the last hour. The time is part of the query: a person's codes pile up over the
    /// years, an hour's worth is at most a handful, so the answer never reaches the reader's row limit. An older
    /// code has expired anyway.
    /// </summary>
    private static IEnumerable<Challenge> Recent(IStoreReader reader, ChallengePurpose purpose, string subjectId, DateTime now)
    {
        var since = now - SendWindow;
        return reader.ChallengesOfSubject(subjectId, since).Where(c => c.Purpose == purpose);
    }

    private static void Consume(IStoreWriter transaction, Challenge challenge, DateTime now)
    {
        challenge.ConsumedAt = now;
        transaction.Update(challenge);
    }

    private static bool IsEmail(ChallengePurpose purpose) => purpose is ChallengePurpose.RegistrationEmail or ChallengePurpose.PasswordReset;

    private static string HashPurpose(string challengeId) => "challenge:" + challengeId;
}
