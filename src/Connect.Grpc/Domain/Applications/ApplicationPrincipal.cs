using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>An application calling with a live access token: what it may do, and for which organisation.</summary>
internal sealed record ApplicationPrincipal(string ApplicationId, string DisplayName, ApplicationKind Kind, string? OrganizationId,
    IReadOnlyList<string> Scopes, string TokenId, DateTime ExpiresAt)
{
    /// <summary>This principal, or PERMISSION_DENIED <c>SCOPE_NOT_GRANTED</c> naming the scope needed.</summary>
    public ApplicationPrincipal Require(string scope) => Scopes.Contains(scope, StringComparer.Ordinal)
        ? this
        : throw ScopeNotGranted(scope);

    /// <summary>
    /// A partner integration acts in its organisation with an administrator's reach over members, limited by its scopes
    /// (checked before); an internal app has no organisation to act in.
    /// </summary>
    public SessionInfo AsOrganizationSession(string scope)
    {
        Require(scope);
        if (OrganizationId is null) throw ScopeNotGranted(scope);
        return new SessionInfo(TokenId, PersonId: "", OrganizationId, Administrator: true, Operator: false, TopicIds: [], ExpiresAt);
    }

    public static ConnectException ScopeNotGranted(string? scope) => new(ErrorReason.ScopeNotGranted, scope is null
        ? "Applications cannot make this call; it needs a person's session."
        : $"The application's scopes do not include '{scope}'.")
    {
        Metadata = new Dictionary<string, string> { ["scope"] = scope ?? "" },
    };
}
