using System.Security.Cryptography;
using System.Text;
using Connect.Grpc.Security;

namespace Connect.Grpc.UnitTests.Security;

/// <summary>Keyed hashes and sealed secrets across a rotation of the server key: old key A, new key B.</summary>
public sealed class ServerKeyRotationTests
{
    private static readonly byte[] A = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] B = RandomNumberGenerator.GetBytes(32);
    private static readonly HashKey Before = new(A);
    private static readonly HashKey During = new(B, A);
    private static readonly HashKey After = new(B);

    [Fact]
    public void KeyedHash_UsesTheCurrentKey_AndLookupsTryThePreviousOnesAfterIt()
    {
        var underA = new Secrets(Before).KeyedHash("access-code", "ABCD1234EFGH");
        var during = new Secrets(During);
        Assert.NotEqual(underA, during.KeyedHash("access-code", "ABCD1234EFGH"));
        Assert.Equal([during.KeyedHash("access-code", "ABCD1234EFGH"), underA], during.KeyedHashes("access-code", "ABCD1234EFGH"));
        Assert.DoesNotContain(underA, new Secrets(After).KeyedHashes("access-code", "ABCD1234EFGH"));
    }

    [Fact]
    public void KeyedHashMatches_AcceptsAnyConfiguredKey_AndOnlyThose()
    {
        var underA = new Secrets(Before).KeyedHash("code", "123456");
        Assert.True(new Secrets(During).KeyedHashMatches("code", "123456", underA));
        Assert.False(new Secrets(During).KeyedHashMatches("code", "654321", underA));
        Assert.False(new Secrets(During).KeyedHashMatches("other", "123456", underA));
        Assert.False(new Secrets(After).KeyedHashMatches("code", "123456", underA));
    }

    [Fact]
    public void SealedUnderA_OpensWhileAIsPrevious_AndIsNotCurrent()
    {
        var secret = RandomNumberGenerator.GetBytes(20);
        var sealedUnderA = new SecretBox(Before).Seal("authenticator:p1", secret);
        var during = new SecretBox(During);
        Assert.Equal(secret, during.TryOpen("authenticator:p1", sealedUnderA));
        Assert.False(during.IsSealedUnderCurrentKey(sealedUnderA));
        var resealed = during.Seal("authenticator:p1", secret);
        Assert.True(during.IsSealedUnderCurrentKey(resealed));
        Assert.Equal(secret, new SecretBox(After).TryOpen("authenticator:p1", resealed));
        Assert.Null(new SecretBox(After).TryOpen("authenticator:p1", sealedUnderA));
    }

    [Fact]
    public void SealedValue_MovedToAnotherPurpose_DoesNotOpen() =>
        Assert.Null(new SecretBox(During).TryOpen("authenticator:p2", new SecretBox(During).Seal("authenticator:p1", [1, 2, 3])));

    [Fact]
    public void SealedBeforeKeyIds_OpensUnderTheFileKey_AndAfterItBecamePrevious()
    {
        var secret = RandomNumberGenerator.GetBytes(20);
        var legacy = SealAsBeforeKeyIds(A, "authenticator:p1", secret);
        Assert.Equal(secret, new SecretBox(Before).TryOpen("authenticator:p1", legacy));
        Assert.Equal(secret, new SecretBox(During).TryOpen("authenticator:p1", legacy));
        Assert.False(new SecretBox(Before).IsSealedUnderCurrentKey(legacy));
        Assert.Null(new SecretBox(After).TryOpen("authenticator:p1", legacy));
    }

    [Fact]
    public void NothingConfigured_UsesTheKeyFile_AndAConfiguredKeyLeavesItAlone()
    {
        var directory = Path.Combine(Path.GetTempPath(), "connect-unit", Guid.NewGuid().ToString("N"));
        try
        {
            var first = HashKey.From(new SecurityOptions(), directory);
            Assert.Equal(first.Current, HashKey.From(new SecurityOptions(), directory).Current);
            Assert.Single(first.All);

            var configured = HashKey.From(Options(B, A), Path.Combine(directory, "elsewhere"));
            Assert.Equal(B, configured.Current);
            Assert.Equal([B, A], configured.All);
            Assert.False(Directory.Exists(Path.Combine(directory, "elsewhere")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static TheoryData<string?, string[], string> BadSettings => new()
    {
        { "not base64!", [], "Connect:Security:ServerKey is not base64" },
        { Convert.ToBase64String(new byte[16]), [], "Connect:Security:ServerKey holds 16 bytes, not 32" },
        { null, [Convert.ToBase64String(A)], "Connect:Security:PreviousServerKeys needs Connect:Security:ServerKey" },
        { Convert.ToBase64String(B), [Convert.ToBase64String(A), Convert.ToBase64String(new byte[33])], "Connect:Security:PreviousServerKeys:1 holds 33 bytes" },
        { Convert.ToBase64String(B), [Convert.ToBase64String(B)], "Connect:Security:PreviousServerKeys:0 is the same key as Connect:Security:ServerKey" },
        { Convert.ToBase64String(B), [Convert.ToBase64String(A), Convert.ToBase64String(A)], "Connect:Security:PreviousServerKeys:1 is the same key as Connect:Security:PreviousServerKeys:0" },
        { Convert.ToBase64String(B), Enumerable.Range(0, HashKey.MaxPreviousKeys + 1).Select(_ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).ToArray(), "at most 4" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Validation_NamesTheSetting_NeverTheKey(string? serverKey, string[] previous, string expected)
    {
        var options = new SecurityOptions { ServerKey = serverKey, PreviousServerKeys = [.. previous] };
        var result = new SecurityOptions.ServerKeyValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        foreach (var key in previous.Append(serverKey).OfType<string>()) Assert.DoesNotContain(key, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(expected, Assert.Throws<InvalidOperationException>(() => HashKey.From(options, "unused")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_AcceptsAWellFormedRotation() =>
        Assert.True(new SecurityOptions.ServerKeyValidator().Validate(null, Options(B, A)).Succeeded);

    private static SecurityOptions Options(byte[] current, params byte[][] previous) =>
        new() { ServerKey = Convert.ToBase64String(current), PreviousServerKeys = previous.Select(Convert.ToBase64String).ToList() };

    // The format written before sealed values carried a key id, frozen here: data directories still hold it.
    private static string SealAsBeforeKeyIds(byte[] serverKey, string purpose, byte[] plaintext)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, serverKey, 32, info: "connect:secret-box:v1"u8.ToArray());
        var sealedBytes = new byte[12 + 16 + plaintext.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(sealedBytes.AsSpan(0, 12), plaintext, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), Encoding.UTF8.GetBytes(purpose));
        return Convert.ToBase64String(sealedBytes);
    }
}
