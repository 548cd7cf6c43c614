namespace Connect.Client;

/// <summary>
/// Where Connect is, how long a call may take, and who calls: a person (through an <see cref="ISessionTokenProvider"/>)
/// or an application (<see cref="ClientId"/> and <see cref="ClientSecret"/>), never both. Binds from a configuration
/// section, e.g. <c>Connect:Address</c>, <c>Connect:ClientId</c>, <c>Connect:ClientSecret</c>.
/// </summary>
public sealed class ConnectClientOptions
{
    /// <summary>The gRPC server's address; default <c>http://127.0.0.1:50051</c>.</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:50051");

    /// <summary>
    /// The deadline of every call, retries included; default 15 seconds. A call past it fails with
    /// <c>DEADLINE_EXCEEDED</c> as a <see cref="ConnectClientException"/>.
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The application's client id (an internal app's or a partner integration's). With <see cref="ClientSecret"/>,
    /// every call carries the application's access token; default none (calls act for a person, or for nobody).
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The application's secret, as Connect showed it once; keep it out of source control. Default none.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// For <c>RequireConnectTopic</c>: the cookie that holds the person's session token when the request carries no
    /// <c>Authorization: Bearer</c> header; default none (the header only).
    /// </summary>
    public string? SessionCookieName { get; set; }

    /// <summary>True when the calls act for an application.</summary>
    internal bool HasApplicationCredentials => !string.IsNullOrEmpty(ClientId);
}
