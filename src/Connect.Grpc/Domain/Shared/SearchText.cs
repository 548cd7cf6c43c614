using System.Globalization;
using System.Text;

namespace Connect.Grpc.Domain;

/// <summary>How Connect reads a search: lower case without accents, in words of letters and digits. Stores index what this folds.</summary>
public static class SearchText
{
    /// <summary>Lower case without accents, for search: "Müller" and "muller" match.</summary>
    public static string Fold(string? text)
    {
        var decomposed = (text ?? "").Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c == 'ß' ? "ss" : char.ToLowerInvariant(c).ToString());
        }
        return builder.ToString();
    }

    /// <summary>The folded words of a text, split at everything but letters and digits: "Jean-Marc Müller" gives jean, marc, muller.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }
        return words;
    }
}
