using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Connect.Grpc.Letters;

/// <summary>
/// PDFsharp's fonts, from the files shipped in this assembly (Liberation, SIL OFL 1.1, see Fonts/LICENSE.txt): a
/// fresh server has no system fonts, and letters must look the same on every machine. Any family asked for resolves
/// to one of these faces, never to a system font.
/// </summary>
internal sealed class LetterFonts : IFontResolver
{
    public const string Sans = "Liberation Sans";
    public const string Mono = "Liberation Mono";

    private const string SansRegular = "LiberationSans-Regular";
    private const string SansBold = "LiberationSans-Bold";
    private const string MonoBold = "LiberationMono-Bold";

    private static readonly LetterFonts Instance = new();
    private static readonly Lock Gate = new();
    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes these fonts PDFsharp's, once per process: PDFsharp keeps one resolver for the whole process and refuses a
    /// different one after its first use.
    /// </summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        // The monospace face exists in bold only: the access code is its one use.
        if (string.Equals(familyName, Mono, StringComparison.OrdinalIgnoreCase)) return new FontResolverInfo(MonoBold);
        return new FontResolverInfo(isBold ? SansBold : SansRegular);
    }

    public byte[] GetFont(string faceName) => _faces.GetOrAdd(faceName, static face =>
    {
        var name = $"Connect.Grpc.Letters.Fonts.{face}.ttf";
        using var stream = typeof(LetterFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
