using System.Globalization;
using System.Resources;

namespace Connect.Grpc.Messaging;

/// <summary>
/// The texts of one resource (<c>X.resx</c> in French, the default, and <c>X.de.resx</c>, <c>X.it.resx</c>,
/// <c>X.en.resx</c> beside the type <c>X</c>), read in a recipient's language, not the server thread's culture.
/// </summary>
internal sealed class TextResource(Type owner)
{
    private readonly ResourceManager resources = new(owner);

    /// <summary>The text <paramref name="key"/> in <paramref name="language"/> (a code of <see cref="Domain.Languages"/>), its {0} … filled in.</summary>
    public string Get(string language, string key, params object[] values)
    {
        var text = resources.GetString(key, CultureInfo.GetCultureInfo(language))
            ?? throw new InvalidOperationException($"No text {key} in {owner.Name}.");
        return values.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, values);
    }
}
