using PdfSharp.Drawing;

namespace Connect.Grpc.Letters;

/// <summary>
/// Places one letter on an A4 page, in millimetres from the top left. The recipient sits in the address field of a
/// Swiss window envelope with the window on the right (C5/6 or C5, SN 010 130: 118 mm from the left, 50 mm from the
/// top, 85 × 45 mm); fold marks at 105 and 210 mm fold it for a C5/6 envelope.
/// </summary>
internal sealed class LetterPage(XGraphics g, LetterFontSet fonts, LetterTypesetter type)
{
    private const double Left = 20, Width = 170, WindowLeft = 118, WindowTop = 50, WindowWidth = 85;
    private const double FooterTop = 266;

    private static readonly XColor Ink = XColor.FromArgb(0x1A, 0x1A, 0x1A);
    private static readonly XColor Accent = XColor.FromArgb(0x1F, 0x4E, 0x79);
    private static readonly XColor Muted = XColor.FromArgb(0x55, 0x5F, 0x69);
    private static readonly XColor Panel = XColor.FromArgb(0xEE, 0xF3, 0xF8);

    public void Draw(LetterContent c, XImage logo, XImage qr)
    {
        DrawLogo(logo);
        var y = 38.0;
        foreach (var line in c.FundAddress) y = Line(line, fonts.Small, Muted, Left, y, 3.8);
        DrawWindow(c);
        DrawFoldMarks();

        Line(c.PlaceAndDate, fonts.Body, Ink, Left, 100, 0);
        y = Paragraph(c.Text.Subject, fonts.Subject, Accent, Left, 108, Width, 5.6) + 3;
        y = Line(c.Text.Salutation, fonts.Body, Ink, Left, y, 4.8) + 2.5;
        y = Paragraph(c.Text.Introduction, fonts.Body, Ink, Left, y, Width, 4.8) + 4;
        y = DrawCodePanel(c, qr, y) + 6;

        y = Line(c.Text.StepsTitle, fonts.Bold, Accent, Left, y, 5.4);
        for (var i = 0; i < c.Text.Steps.Count; i++)
        {
            Line($"{i + 1}.", fonts.Bold, Ink, Left, y, 0);
            y = Paragraph(c.Text.Steps[i], fonts.Body, Ink, Left + 6, y, Width - 6, 4.6) + 1.2;
        }
        y = Paragraph(c.Text.Caution, fonts.Body, Ink, Left, y + 2, Width, 4.6) + 5;
        y = Line(c.Text.Closing, fonts.Body, Ink, Left, y, 5);
        Paragraph(c.Signature, fonts.Bold, Ink, Left, y, Width, 4.8);

        DrawFooter(c);
    }

    private void DrawLogo(XImage logo)
    {
        const double maxWidth = 70, maxHeight = 20;
        var ratio = logo.PixelWidth / (double)Math.Max(1, logo.PixelHeight);
        var (width, height) = ratio >= maxWidth / maxHeight ? (maxWidth, maxWidth / ratio) : (maxHeight * ratio, maxHeight);
        g.DrawImage(logo, Mm(Left), Mm(14), Mm(width), Mm(height));
    }

    private void DrawWindow(LetterContent c)
    {
        // The return address, small and on one line, above the recipient, as the post recommends for window envelopes.
        var back = ReturnAddress(c.FundAddress);
        Line(back, fonts.Tiny, Muted, WindowLeft, WindowTop + 2, 0);
        g.DrawLine(new XPen(Muted, 0.3), Mm(WindowLeft), Mm(WindowTop + 5.4), Mm(WindowLeft + type.Width(back, fonts.Tiny)), Mm(WindowTop + 5.4));

        // The organisation's name may take two lines; every other line is one, so the block always fits the window.
        var name = type.Wrap(c.Recipient[0], fonts.WindowBold, WindowWidth - 5);
        if (name.Count > 2) name = [name[0], type.Fit(string.Join(" ", name.Skip(1)), fonts.WindowBold, WindowWidth - 5)];
        var y = WindowTop + 8;
        foreach (var line in name) y = Line(line, fonts.WindowBold, Ink, WindowLeft, y, 4.4);
        foreach (var line in c.Recipient.Skip(1)) y = Line(type.Fit(line, fonts.Window, WindowWidth - 5), fonts.Window, Ink, WindowLeft, y, 4.4);
    }

    /// <summary>The fund's address on one line; middle lines (a department) give way first, as the name and locality matter.</summary>
    private string ReturnAddress(IReadOnlyList<string> lines)
    {
        for (var keep = lines.Count; keep > 2; keep--)
        {
            var line = string.Join(", ", lines.Take(1).Concat(lines.TakeLast(keep - 1)));
            if (type.Width(line, fonts.Tiny) <= WindowWidth - 5) return line;
        }
        return type.Fit(string.Join(", ", lines.Take(1).Concat(lines.TakeLast(1))), fonts.Tiny, WindowWidth - 5);
    }

    private void DrawFoldMarks()
    {
        var pen = new XPen(XColors.Gray, 0.4);
        foreach (var at in new[] { 105.0, 210.0 }) g.DrawLine(pen, Mm(4), Mm(at), Mm(8), Mm(at));
        g.DrawLine(pen, Mm(4), Mm(148.5), Mm(10), Mm(148.5)); // the punch mark
    }

    /// <summary>The code, the registration address, the validity and the QR code, in one panel; returns its bottom.</summary>
    private double DrawCodePanel(LetterContent c, XImage qr, double top)
    {
        const double height = 52, qrSize = 36, padding = 6;
        var qrLeft = Left + Width - padding - qrSize;
        g.DrawRoundedRectangle(new XPen(Accent, 0.8), new XSolidBrush(Panel), Mm(Left), Mm(top), Mm(Width), Mm(height), Mm(4), Mm(4));

        var x = Left + padding;
        var textWidth = qrLeft - x - 4;
        var y = Line(c.Text.CodeLabel, fonts.Label, Accent, x, top + 5, 5);
        y = Line(c.AccessCode, fonts.Code, Ink, x, y, 12);
        y = Line(c.Text.AddressLabel, fonts.Label, Accent, x, y, 5);
        y = Paragraph(c.RegistrationPage, fonts.Url, Ink, x, y, textWidth, 5) + 3;
        Line(c.ValidUntil, fonts.Bold, Ink, x, y, 0);

        g.DrawImage(qr, Mm(qrLeft), Mm(top + 3), Mm(qrSize), Mm(qrSize));
        Paragraph(c.Text.QrCaption, fonts.Tiny, Muted, qrLeft - 2, top + qrSize + 3.5, qrSize + 4, 2.9);
        return top + height;
    }

    private void DrawFooter(LetterContent c)
    {
        g.DrawLine(new XPen(Accent, 0.5), Mm(Left), Mm(FooterTop), Mm(Left + Width), Mm(FooterTop));
        var y = FooterTop + 3;
        for (var i = 0; i < c.Support.Count; i++)
            y = Paragraph(c.Support[i], i == 0 ? fonts.SmallBold : fonts.Small, i == 0 ? Accent : Ink, Left, y, Width, 4);
    }

    /// <summary>Draws one line at <paramref name="y"/> (its top) and returns the top of the next.</summary>
    private double Line(string text, XFont font, XColor color, double x, double y, double leading)
    {
        g.DrawString(text, font, new XSolidBrush(color), Mm(x), Mm(y), XStringFormats.TopLeft);
        return y + leading;
    }

    private double Paragraph(string text, XFont font, XColor color, double x, double y, double width, double leading)
    {
        foreach (var line in type.Wrap(text, font, width)) y = Line(line, font, color, x, y, leading);
        return y;
    }

    private static double Mm(double millimetres) => LetterTypesetter.Mm(millimetres);
}
