namespace Connect.Grpc.Domain;

/// <summary>
/// What the flows count for operations (sign-in outcomes, codes sent): the flows say what happened, Telemetry decides
/// how it is measured and exported.
/// </summary>
public interface IFlowMetrics
{
    /// <summary>A sign-in step ended: <paramref name="outcome"/> (succeeded, failed, locked, …) at <paramref name="step"/>.</summary>
    void SignIn(string outcome, string step);

    /// <summary>A one-time code went out by <paramref name="channel"/> (email, sms) for <paramref name="purpose"/>.</summary>
    void CodeSent(string channel, string purpose);
}
