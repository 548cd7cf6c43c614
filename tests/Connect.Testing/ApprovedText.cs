using System.Text;
using System.Text.RegularExpressions;

namespace Connect.Testing;

/// <summary>
/// Compares texts with their approved wording, kept in a file beside the test ("### key" then the text, byte for byte),
/// so that moving texts around can be shown to change nothing. After an intended change of wording, run the test once
/// with <c>CONNECT_APPROVE_TEXTS=1</c> to rewrite the file, and review its diff.
/// </summary>
public static partial class ApprovedText
{
    public static void Verify(string relativePath, IReadOnlyList<(string Key, string Text)> received)
    {
        var path = Path.Combine(RepositoryRoot.Find(), relativePath);
        if (Environment.GetEnvironmentVariable("CONNECT_APPROVE_TEXTS") == "1")
        {
            var file = new StringBuilder();
            foreach (var (key, text) in received) file.Append("### ").Append(key).Append('\n').Append(text).Append('\n');
            File.WriteAllText(path, file.ToString(), new UTF8Encoding(false));
        }

        var approved = Read(path);
        Assert.Equal(approved.Select(a => a.Key), received.Select(r => r.Key));
        foreach (var ((key, expected), (_, actual)) in approved.Zip(received))
        {
            Assert.True(expected == actual, $"{key} differs from {relativePath}:\n--- approved\n{expected}\n--- received\n{actual}");
        }
    }

    private static List<(string Key, string Text)> Read(string path)
    {
        // A checkout that turned line ends into CRLF still holds the same words.
        var file = File.ReadAllText(path).ReplaceLineEndings("\n");
        var headers = Header().Matches(file);
        return headers.Select((header, i) =>
        {
            var start = header.Index + header.Length;
            var end = (i + 1 < headers.Count ? headers[i + 1].Index : file.Length) - 1;
            return (header.Groups["key"].Value, file[start..end]);
        }).ToList();
    }

    [GeneratedRegex(@"^### (?<key>[^\n]+)\n", RegexOptions.Multiline)]
    private static partial Regex Header();
}
