using System.Text;
using Connect.Grpc.Domain;
using Connect.V1;

namespace Connect.Grpc.Services;

/// <summary>Opaque page tokens: the list's name and the last id of the previous page, so a token only fits its own list.</summary>
internal static class PageTokens
{
    public static string Encode(string list, string? lastId) =>
        lastId is null ? "" : Convert.ToBase64String(Encoding.UTF8.GetBytes(list + ":" + lastId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string list, string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        try
        {
            if (token.Length > 400) throw new FormatException();
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var prefix = list + ":";
            if (!text.StartsWith(prefix, StringComparison.Ordinal) || text.Length == prefix.Length) throw new FormatException();
            return text[prefix.Length..];
        }
        catch (FormatException)
        {
            throw ConnectException.Field("page_token", "is not a token of this list", ErrorReason.PageTokenInvalid);
        }
    }
}
