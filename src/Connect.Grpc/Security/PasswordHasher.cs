using System.Text;
using Geralt;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Security;

/// <summary>
/// Argon2id through libsodium, stored as libsodium's self-describing string (<c>$argon2id$v=19$m=…</c>)
/// so that a raised cost is detected and old hashes are upgraded at the next sign-in. Hashing is
/// memory-hard on purpose, so at most one runs per core.
/// </summary>
public sealed class PasswordHasher
{
    private static readonly SemaphoreSlim Gate = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly SecurityOptions _options;

    /// <summary>
    /// What an unknown account's password is checked against. Made once here, at the configured cost, so that
    /// not even the first unknown address after a start answers differently from a wrong password.
    /// </summary>
    private readonly string _standInHash;

    public PasswordHasher(IOptions<SecurityOptions> options)
    {
        _options = options.Value;
        _standInHash = Compute(Secrets.NewToken());
    }

    public async Task<string> HashAsync(string password, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return Compute(password);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Checks a password. With no stored hash (an unknown account) it checks against a hash made at the
    /// configured cost and answers false, so that an unknown account takes as long as a wrong password.
    /// </summary>
    public async Task<bool> VerifyAsync(string? storedHash, string password, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            // A person who has not chosen a password yet has none: checked like an unknown account.
            var usable = string.IsNullOrEmpty(storedHash) ? null : storedHash;
            return Argon2id.VerifyHash(Padded(usable ?? _standInHash), Encoding.UTF8.GetBytes(password)) && usable is not null;
        }
        finally
        {
            Gate.Release();
        }
    }

    private string Compute(string password)
    {
        var hash = new char[Argon2id.HashSize];
        Argon2id.ComputeHash(hash, Encoding.UTF8.GetBytes(password), _options.PasswordIterations, _options.PasswordMemoryKiB * 1024);
        return new string(hash).TrimEnd('\0');
    }

    /// <summary>True when the stored hash was made with another cost than the configured one.</summary>
    public bool NeedsRehash(string storedHash)
    {
        return Argon2id.NeedsRehash(Padded(storedHash), _options.PasswordIterations, _options.PasswordMemoryKiB * 1024);
    }

    /// <summary>libsodium's encoded hashes live in a fixed-size, zero-padded buffer.</summary>
    private static char[] Padded(string storedHash)
    {
        var buffer = new char[Argon2id.HashSize];
        storedHash.AsSpan(0, Math.Min(storedHash.Length, buffer.Length)).CopyTo(buffer);
        return buffer;
    }
}
