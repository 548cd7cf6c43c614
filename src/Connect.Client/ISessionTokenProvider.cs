namespace Connect.Client;

/// <summary>
/// Supplies the session token to send as the bearer of a call, e.g. from the console's cookie or from the
/// request an internal app is serving. Register one to have every call carry it.
/// </summary>
public interface ISessionTokenProvider
{
    /// <summary>The current session token, or null to call without one.</summary>
    string? GetSessionToken();
}
