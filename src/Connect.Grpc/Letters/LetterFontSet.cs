using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Connect.Grpc.Letters;

/// <summary>The type sizes of a letter, in points; Unicode encoding so that every language's letters print and extract.</summary>
internal sealed class LetterFontSet
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public XFont Body { get; } = Sans(10, bold: false);
    public XFont Bold { get; } = Sans(10, bold: true);
    public XFont Subject { get; } = Sans(12.5, bold: true);
    public XFont Label { get; } = Sans(8.5, bold: true);
    public XFont Url { get; } = Sans(11, bold: true);
    public XFont Window { get; } = Sans(10, bold: false);
    public XFont WindowBold { get; } = Sans(10, bold: true);
    public XFont Small { get; } = Sans(8.5, bold: false);
    public XFont SmallBold { get; } = Sans(8.5, bold: true);
    public XFont Tiny { get; } = Sans(7, bold: false);

    /// <summary>The access code: large, monospaced, bold; the alphabet already leaves out I, L, O and U.</summary>
    public XFont Code { get; } = new(LetterFonts.Mono, 24, XFontStyleEx.Bold, Unicode);

    private static XFont Sans(double size, bool bold) => new(LetterFonts.Sans, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
}
