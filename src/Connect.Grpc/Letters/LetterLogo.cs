namespace Connect.Grpc.Letters;

/// <summary>The fund's logo: the configured PNG or JPEG file, or the one shipped with Connect.</summary>
internal static class LetterLogo
{
    private const string DefaultResource = "Connect.Grpc.Letters.default-logo.png";
    private const long MaxBytes = 5 * 1024 * 1024;

    public static byte[] Load(string? path)
    {
        if (path is not null) return File.ReadAllBytes(path);
        using var stream = typeof(LetterLogo).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The resource {DefaultResource} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Why <paramref name="path"/> cannot be the logo, or null when it can.</summary>
    public static string? Problem(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) return $"the file {file.FullName} does not exist.";
        if (file.Length > MaxBytes) return $"the file {file.FullName} is larger than 5 MB.";
        Span<byte> head = stackalloc byte[8];
        using var stream = file.OpenRead();
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return IsPng(head[..read]) || IsJpeg(head[..read]) ? null : $"the file {file.FullName} is neither a PNG nor a JPEG image.";
    }

    private static bool IsPng(ReadOnlySpan<byte> head) => head.SequenceEqual(PngSignature);

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static bool IsJpeg(ReadOnlySpan<byte> head) => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;
}
