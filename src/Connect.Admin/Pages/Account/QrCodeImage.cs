using QRCoder;

namespace Connect.Admin.Pages.Account;

/// <summary>A QR code drawn on the server as a PNG <c>data:</c> URI, which the console's CSP allows: no script, no CDN.</summary>
public static class QrCodeImage
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
