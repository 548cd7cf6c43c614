using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using LinkOptions = Connect.Grpc.Domain.LinkOptions;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Connect.Grpc.Letters;

/// <summary>
/// Invitation letters as one PDF, one A4 page per letter in the order given (PDFsharp, fonts shipped with Connect). The
/// QR code is a PNG image (QRCoder) of the registration link with the code; the logo is embedded once per document.
/// </summary>
internal sealed class PdfInvitationLetters : IInvitationLetters
{
    // Four pixels a module keep the image small (fast to make and embed); printed without interpolation, the modules
    // stay sharp squares at any size.
    private const int QrPixelsPerModule = 4;
    private static readonly byte[] Black = [0, 0, 0];
    private static readonly byte[] White = [255, 255, 255];

    private readonly LetterOptions _options;
    private readonly SupportOptions _support;
    private readonly LinkOptions _links;
    private readonly string _fundName;
    private readonly Lazy<byte[]> _logo;

    public PdfInvitationLetters(IOptions<LetterOptions> options, IOptions<SupportOptions> support, IOptions<LinkOptions> links,
        IOptions<FundOptions> fund)
    {
        _options = options.Value;
        _support = support.Value;
        _links = links.Value;
        _fundName = fund.Value.Name;
        _logo = new(() => LetterLogo.Load(_options.LogoPath));
        LetterFonts.Install();
    }

    /// <summary>
    /// One render at a time in the process: PDFsharp caches font faces (and their subsets) globally, and the PDFsharp
    /// family has known races there under concurrent renders. Letters are an operator's occasional work, so waiting
    /// costs nothing that matters.
    /// </summary>
    private static readonly Lock RenderGate = new();

    public byte[] Render(IReadOnlyList<InvitationLetter> letters)
    {
        if (letters.Count == 0) throw new ArgumentException("A PDF needs at least one letter.", nameof(letters));
        lock (RenderGate) return RenderAlone(letters);
    }

    private byte[] RenderAlone(IReadOnlyList<InvitationLetter> letters)
    {
        using var document = new PdfDocument();
        document.Info.Title = LetterTexts.For(letters[0].Organization.Language).Subject;
        document.Info.Creator = "Connect";
        document.Options.CompressContentStreams = true;
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestCompression;

        var fonts = new LetterFontSet();
        using var type = new LetterTypesetter();
        var images = new List<XImage> { Image(_logo.Value) };
        try
        {
            foreach (var letter in letters)
            {
                var content = LetterContent.For(letter, _options, _support, _links, _fundName);
                var page = document.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                var qr = Image(QrPng(content.RegistrationUri));
                qr.Interpolate = false; // sharp module edges for scanners
                images.Add(qr);
                using var graphics = XGraphics.FromPdfPage(page);
                new LetterPage(graphics, fonts, type).Draw(content, images[0], qr);
            }
            using var output = new MemoryStream();
            document.Save(output, closeStream: false);
            return output.ToArray();
        }
        finally
        {
            foreach (var image in images) image.Dispose();
        }
    }

    private static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        // PDFsharp reads indexed PNGs but not QRCoder's default 1-bit grayscale one: give the two colours as a palette.
        return new PngByteQRCode(data).GetGraphic(QrPixelsPerModule, Black, White);
    }

    private static XImage Image(byte[] bytes) => XImage.FromStream(new MemoryStream(bytes, writable: false));
}
