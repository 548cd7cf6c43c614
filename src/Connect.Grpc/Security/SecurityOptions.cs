namespace Connect.Grpc.Security;

/// <summary>Password hashing cost and where the server's hashing key lives. Bound from <c>Connect:Security</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>Argon2id memory in KiB; default 19456 (19 MiB, OWASP's recommendation).</summary>
    public int PasswordMemoryKiB { get; set; } = 19 * 1024;

    /// <summary>Argon2id passes; default 2 (OWASP).</summary>
    public int PasswordIterations { get; set; } = 2;

    /// <summary>
    /// File holding the 256-bit key for the keyed hashes of access and one-time codes; created on first
    /// start. Default <c>connect.key</c> in the data directory. Kept outside the database so that a copy
    /// of the database alone cannot be searched for codes.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// Attempts per client address and minute at each door that takes a guessable secret (password, second
    /// factor, reset code, access code); default 20.
    /// </summary>
    public int AttemptsPerAddressPerMinute { get; set; } = 20;

    /// <summary>
    /// The wait between two codes (or activation e-mails) to the same address or number, so that nobody's mailbox or
    /// phone is flooded; default 60 seconds, between 1 second and 1 hour. Shorter only for tests.
    /// </summary>
    public TimeSpan CodeResendInterval { get; set; } = TimeSpan.FromSeconds(60);
}
