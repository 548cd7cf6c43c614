using Microsoft.Extensions.Options;

namespace Connect.Grpc.Security;

/// <summary>Password hashing cost, the server's keys and the limits at the doors. Bound from <c>Connect:Security</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>Argon2id memory in KiB; default 19456 (19 MiB, OWASP's recommendation).</summary>
    public int PasswordMemoryKiB { get; set; } = 19 * 1024;

    /// <summary>Argon2id passes; default 2 (OWASP).</summary>
    public int PasswordIterations { get; set; } = 2;

    /// <summary>
    /// File holding the 256-bit key for the keyed hashes of access and one-time codes; created on first
    /// start. Default <c>connect.key</c> in the data directory. Kept outside the database so that a copy
    /// of the database alone cannot be searched for codes. Not read when <see cref="ServerKey"/> is set.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// The server key (base64 of 32 bytes), the same on every replica; when set, used instead of <see cref="KeyFile"/>.
    /// Default none. New keyed hashes and sealed secrets use it.
    /// </summary>
    public string? ServerKey { get; set; }

    /// <summary>
    /// Older server keys, still accepted during a rotation (at most <see cref="HashKey.MaxPreviousKeys"/>; only beside
    /// <see cref="ServerKey"/>). Default none.
    /// </summary>
    public List<string> PreviousServerKeys { get; set; } = [];

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

    /// <summary>Refuses to start on a malformed, repeated or surplus server key, naming the setting and never the key.</summary>
    public sealed class ServerKeyValidator : IValidateOptions<SecurityOptions>
    {
        public ValidateOptionsResult Validate(string? name, SecurityOptions options) =>
            HashKey.Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
