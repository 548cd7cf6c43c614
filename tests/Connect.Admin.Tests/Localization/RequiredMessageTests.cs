using System.Text.RegularExpressions;
using System.Xml.Linq;
using Connect.Admin.Tests.Infrastructure;

namespace Connect.Admin.Tests.Localization;

/// <summary>
/// A required field left empty says what to do with that field ("Saisissez le prénom"), not a sentence shared by every
/// field: each [Required] names the message "Required." + its field's display name, and the message exists.
/// </summary>
public sealed partial class RequiredMessageTests
{
    private static readonly string Source = Path.Combine(BuiltApp.RepositoryRoot, "src", "Connect.Admin");

    [Fact]
    public void EveryRequiredField_HasItsOwnMessage_InTheResourceFiles()
    {
        var keys = XDocument.Load(Path.Combine(Source, "Resources", "SharedResource.resx")).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet();
        var fields = 0;
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var required = RequiredAttribute().Match(lines[i]);
                if (!required.Success) continue;
                fields++;
                var display = lines.Skip(i + 1).Take(6).Select(l => DisplayAttribute().Match(l)).FirstOrDefault(m => m.Success);
                var message = required.Groups["message"].Value;
                if (display is null || message != "Required." + display.Groups["name"].Value || !keys.Contains(message))
                    wrong.Add($"{Path.GetFileName(file)}:{i + 1} {message}");
            }
        }

        Assert.True(fields > 40, $"only {fields} required fields found");
        Assert.Empty(wrong);
    }

    [GeneratedRegex("""\[Required\(ErrorMessage = "(?<message>[^"]+)"\)\]""")]
    private static partial Regex RequiredAttribute();

    [GeneratedRegex("""Display\(Name = "(?<name>[^"]+)"\)""")]
    private static partial Regex DisplayAttribute();
}
