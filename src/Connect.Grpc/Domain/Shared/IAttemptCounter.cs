namespace Connect.Grpc.Domain;

/// <summary>
/// Counts attempts per door and client address in fixed windows, for <see cref="AddressThrottle"/>: in this process
/// on LiteDB (one process), in the database on PostgreSQL so that every replica spends the same budget.
/// </summary>
internal interface IAttemptCounter
{
    /// <summary>
    /// Counts one attempt at <paramref name="door"/> from <paramref name="address"/> at <paramref name="now"/>, as one
    /// atomic step. A window that started <paramref name="window"/> or more before <paramref name="now"/> has ended,
    /// and the attempt starts a new one at <paramref name="now"/>.
    /// </summary>
    /// <returns>The attempts in the current window, this one included, and when that window started.</returns>
    AttemptCount Count(string door, string address, DateTime now, TimeSpan window);
}

/// <summary>What <see cref="IAttemptCounter.Count"/> answers.</summary>
internal readonly record struct AttemptCount(int Count, DateTime WindowStart);
