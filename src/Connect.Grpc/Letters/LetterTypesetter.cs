using PdfSharp.Drawing;

namespace Connect.Grpc.Letters;

/// <summary>
/// Measures and breaks the letter's text, in millimetres. One typesetter serves every page of a render and remembers
/// its answers: most texts are the same on every letter of a language, and measuring is the costly part of a page.
/// </summary>
internal sealed class LetterTypesetter : IDisposable
{
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards);
    private readonly Dictionary<(string, XFont), double> _widths = [];
    private readonly Dictionary<(string, XFont, double), List<string>> _lines = [];

    public static double Mm(double millimetres) => millimetres * 72 / 25.4;

    /// <summary>The width of <paramref name="text"/> in millimetres.</summary>
    public double Width(string text, XFont font)
    {
        if (!_widths.TryGetValue((text, font), out var width))
            _widths[(text, font)] = width = _measure.MeasureString(text, font).Width * 25.4 / 72;
        return width;
    }

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/> mm, at spaces; punctuation
    /// that French sets apart (« : ; ! ? ») stays with its word, and a word longer than a line (an address) is cut.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        if (_lines.TryGetValue((text, font, width), out var known)) return known;
        var lines = new List<string>();
        var line = "";
        foreach (var word in Words(text))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (Width(candidate, font) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0) lines.Add(line);
            line = word;
            while (line.Length > 1 && Width(line, font) > width)
            {
                var cut = line.Length - 1;
                while (cut > 1 && Width(line[..cut], font) > width) cut--;
                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }
        if (line.Length > 0) lines.Add(line);
        _lines[(text, font, width)] = lines;
        return lines;
    }

    /// <summary>The text, shortened with an ellipsis until it fits <paramref name="width"/> mm.</summary>
    public string Fit(string text, XFont font, double width)
    {
        if (Width(text, font) <= width) return text;
        var cut = text.Length;
        while (cut > 1 && Width(text[..cut].TrimEnd(' ', ',') + "…", font) > width) cut--;
        return text[..cut].TrimEnd(' ', ',') + "…";
    }

    public void Dispose() => _measure.Dispose();

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var glueNext = false;
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (words.Count > 0 && (glueNext || token is ":" or ";" or "!" or "?" or "»")) words[^1] += " " + token;
            else words.Add(token);
            glueNext = token == "«";
        }
        return words;
    }
}
