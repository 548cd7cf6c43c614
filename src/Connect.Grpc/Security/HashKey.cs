using System.Security.Cryptography;

namespace Connect.Grpc.Security;

/// <summary>
/// The server's 256-bit keys for keyed hashes and sealed secrets: the current one, which hashes and seals everything
/// new, and the previous ones, still accepted while a rotation is under way. Every replica must hold the same keys, so
/// they come from configuration (<c>Connect:Security:ServerKey</c> and <c>PreviousServerKeys</c>); with none
/// configured, a single server keeps its key in a file it creates.
/// </summary>
public sealed class HashKey
{
    /// <summary>Each lookup by keyed hash tries every key, so a rotation keeps only a few.</summary>
    public const int MaxPreviousKeys = 4;

    private const int KeySize = 32;
    private const string ServerKeySetting = "Connect:Security:ServerKey";
    private const string PreviousSetting = "Connect:Security:PreviousServerKeys";

    public HashKey(byte[] current, params IReadOnlyList<byte[]> previous)
    {
        Current = current;
        All = [current, .. previous];
    }

    /// <summary>The key every new hash and sealed value uses.</summary>
    public byte[] Current { get; }

    /// <summary>Every key still accepted, the current one first.</summary>
    public IReadOnlyList<byte[]> All { get; }

    /// <summary>The configured keys, or else the key file (<c>KeyFile</c>, default <c>connect.key</c> in the data directory).</summary>
    public static HashKey From(SecurityOptions options, string dataDirectory)
    {
        var configured = Read(options, out var problems);
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        return configured ?? LoadOrCreate(options.KeyFile ?? Path.Combine(dataDirectory, "connect.key"));
    }

    /// <summary>What is wrong with the configured keys, naming the setting and never the key.</summary>
    public static IReadOnlyList<string> Problems(SecurityOptions options)
    {
        Read(options, out var problems);
        return problems;
    }

    /// <summary>Reads the key file, creating it (owner-only) with a fresh key the first time.</summary>
    public static HashKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (existing.Length != KeySize) throw new InvalidOperationException($"The key file {path} does not hold a 256-bit key.");
            return new HashKey(existing);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(KeySize);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        return new HashKey(key);
    }

    /// <summary>The configured keys, or null when none is configured (the key file then applies).</summary>
    private static HashKey? Read(SecurityOptions options, out List<string> problems)
    {
        problems = [];
        var previousTexts = options.PreviousServerKeys;
        if (string.IsNullOrWhiteSpace(options.ServerKey))
        {
            if (previousTexts.Count > 0) problems.Add($"{PreviousSetting} needs {ServerKeySetting}: previous keys are only accepted beside a configured current key.");
            return null;
        }
        if (previousTexts.Count > MaxPreviousKeys)
            problems.Add($"{PreviousSetting} holds {previousTexts.Count} keys; at most {MaxPreviousKeys} are accepted (remove keys whose secrets have expired).");
        var current = Parse(ServerKeySetting, options.ServerKey, problems);
        var previous = new List<byte[]>();
        for (var i = 0; i < previousTexts.Count; i++)
        {
            var name = $"{PreviousSetting}:{i}";
            if (Parse(name, previousTexts[i], problems) is not { } key) continue;
            if (current is not null && key.AsSpan().SequenceEqual(current)) problems.Add($"{name} is the same key as {ServerKeySetting}.");
            else if (previous.FindIndex(p => p.AsSpan().SequenceEqual(key)) is var same and >= 0) problems.Add($"{name} is the same key as {PreviousSetting}:{same}.");
            previous.Add(key);
        }
        return problems.Count == 0 && current is not null ? new HashKey(current, previous) : null;
    }

    private static byte[]? Parse(string setting, string? text, List<string> problems)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text ?? "");
        }
        catch (FormatException)
        {
            problems.Add($"{setting} is not base64 (generate a key with: openssl rand -base64 32).");
            return null;
        }
        if (key.Length == KeySize) return key;
        problems.Add($"{setting} holds {key.Length} bytes, not 32 (a 256-bit key; generate one with: openssl rand -base64 32).");
        return null;
    }
}
