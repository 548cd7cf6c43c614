using System.Net;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// The URIs an internal app's OpenID Connect sign-in may lead to. Each is matched exactly later, so here each must be a
/// plain absolute URI: https (http only on the app developer's own machine), no fragment, no user info, bounded.
/// </summary>
internal static class ApplicationSignInUris
{
    public const int MaxUris = 10;
    public const int MaxLength = 2000;

    /// <summary>The checked URIs, in the order given, each once; <paramref name="atLeast"/> of them at least.</summary>
    public static List<string> List(string field, IEnumerable<string> values, int atLeast)
    {
        var uris = values.ToList();
        if (uris.Count < atLeast) throw ConnectException.Field(field, $"must hold at least {atLeast} URI");
        if (uris.Count > MaxUris) throw ConnectException.Field(field, $"must hold at most {MaxUris} URIs");
        var checkedUris = uris.Select((uri, i) => One($"{field}[{i}]", uri)).ToList();
        if (checkedUris.Distinct(StringComparer.Ordinal).Count() != checkedUris.Count) throw ConnectException.Field(field, "must not name a URI twice");
        return checkedUris;
    }

    /// <summary>One URI as given (exact matching compares the string), or FIELD_INVALID naming <paramref name="field"/>.</summary>
    public static string One(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) throw ConnectException.Field(field, "must be an absolute URI");
        if (value.Length > MaxLength) throw ConnectException.Field(field, $"must be at most {MaxLength} characters");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || value.Any(char.IsWhiteSpace))
            throw ConnectException.Field(field, "must be an absolute URI");
        if (uri.Fragment.Length > 0 || value.Contains('#')) throw ConnectException.Field(field, "must not have a fragment");
        if (uri.UserInfo.Length > 0) throw ConnectException.Field(field, "must not carry a user name or password");
        var local = uri.IsLoopback || IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address);
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && local))
            throw ConnectException.Field(field, "must use https (http only for localhost)");
        return value;
    }

    public static ConnectException NotInternal() =>
        new(ErrorReason.ApplicationKindInvalid, "Only internal apps sign people in with OpenID Connect; a partner integration calls for its own organisation.");
}
