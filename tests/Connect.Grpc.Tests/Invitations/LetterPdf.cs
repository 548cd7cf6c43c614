using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using ZXing;
using ZXing.Common;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>
/// One page of a letter as a reader and a phone see it: its words (joined by spaces, and each with its box), what its
/// QR code says, and where its images are.
/// </summary>
public sealed record LetterPdfPage(string Text, IReadOnlyList<string> QrCodes, IReadOnlyList<Word> Words, IReadOnlyList<LetterPdfImage> Images,
    PdfRectangle MediaBox);

/// <summary>An image of the page: where it is and its size in pixels.</summary>
public sealed record LetterPdfImage(PdfRectangle Box, int Width, int Height);

/// <summary>Reads letter PDFs with PdfPig (text, images) and decodes their QR images with ZXing.Net.</summary>
public static class LetterPdf
{
    /// <summary>Reads every page; <paramref name="decodeQrCodes"/> false skips the (slow) decoding for tests of many pages.</summary>
    public static IReadOnlyList<LetterPdfPage> Read(byte[] pdf, bool decodeQrCodes = true)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(page =>
        {
            var images = page.GetImages().ToList();
            var words = page.GetWords().ToList();
            // A QR code is square; the logo is not.
            var qrCodes = decodeQrCodes ? images.Where(i => i.WidthInSamples == i.HeightInSamples).Select(Decode).OfType<string>().ToList() : [];
            return new LetterPdfPage(string.Join(" ", words.Select(w => w.Text)), qrCodes, words,
                images.Select(i => new LetterPdfImage(i.BoundingBox, i.WidthInSamples, i.HeightInSamples)).ToList(), page.MediaBox.Bounds);
        }).ToList();
    }

    private static string? Decode(IPdfImage image)
    {
        if (!image.TryGetPng(out var png)) return null;
        var (width, height, luminance) = PngPixels.Gray(png);
        var source = new RGBLuminanceSource(luminance, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        // The image is the code alone: read as such first (ZXing's finder-pattern search missed some codes now and
        // then under the full suite), then with the search.
        return Reader(pure: true).Decode(source)?.Text ?? Reader(pure: false).Decode(source)?.Text;
    }

    private static BarcodeReaderGeneric Reader(bool pure) => new()
    {
        Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true, PureBarcode = pure },
    };
}
