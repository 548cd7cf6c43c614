namespace Connect.Grpc.Domain;

/// <summary>The scopes an application may hold, and which kind of application may hold which.</summary>
internal static class ApplicationScopes
{
    /// <summary>Ask who a person's session is and whether it may see a topic (internal apps).</summary>
    public const string AccessCheck = "access.check";
    /// <summary>Read the organisation's members, grantable topics and audit log (partner integrations).</summary>
    public const string UsersRead = "users.read";
    /// <summary>Authorise, change and deactivate the organisation's members (partner integrations).</summary>
    public const string UsersWrite = "users.write";

    public static IReadOnlyList<string> AllowedFor(ApplicationKind kind) => kind switch
    {
        ApplicationKind.Internal => [AccessCheck],
        ApplicationKind.Partner => [UsersRead, UsersWrite],
        _ => [],
    };

    /// <summary>The requested scopes, distinct and ordered, or INVALID_ARGUMENT naming what the kind does not allow.</summary>
    public static List<string> Parse(ApplicationKind kind, IEnumerable<string> requested)
    {
        var allowed = AllowedFor(kind);
        var scopes = requested.Select(s => (s ?? "").Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (scopes.Count == 0) throw ConnectException.Field("scopes", $"must name at least one of: {string.Join(", ", allowed)}");
        var refused = scopes.Where(s => !allowed.Contains(s)).ToList();
        if (refused.Count > 0)
        {
            throw ConnectException.Field("scopes",
                $"{string.Join(", ", refused.Select(s => s.Length > 40 ? s[..40] : s))} cannot be granted to this kind of application; allowed: {string.Join(", ", allowed)}");
        }
        return scopes;
    }
}
