using OtpNet;

namespace Connect.Grpc.Security;

/// <summary>TOTP as RFC 6238 and DESIGN.md say: SHA-1, 6 digits, 30-second steps, one step of drift either way.</summary>
public sealed class AuthenticatorCodes(TimeProvider time)
{
    private const string Issuer = "connect";
    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    /// <summary>A new 160-bit key (the size RFC 4226 recommends).</summary>
    public static byte[] NewKey() => KeyGeneration.GenerateRandomKey(20);

    /// <summary>The key as authenticator apps take it when typed in.</summary>
    public static string ToText(byte[] key) => Base32Encoding.ToString(key);

    /// <summary>The <c>otpauth://totp/…</c> URI for a QR code.</summary>
    public static string Uri(byte[] key, string accountName) => new OtpUri(OtpType.Totp, key, accountName, Issuer).ToString();

    /// <summary>
    /// The time step <paramref name="code"/> belongs to, when it is right now and newer than
    /// <paramref name="lastAcceptedStep"/>; otherwise null, so that no code is ever accepted twice.
    /// </summary>
    public long? Match(byte[] key, string? code, long lastAcceptedStep)
    {
        if (Secrets.ReadSixDigitCode(code) is not { } typed) return null;
        var matched = new Totp(key).VerifyTotp(time.GetUtcNow().UtcDateTime, typed, out var step, Drift);
        return matched && step > lastAcceptedStep ? step : null;
    }
}
