using Connect.V1;

namespace Connect.Client;

/// <summary>The fund's register of organisations, its topic catalogue and invitations; for fund operators.</summary>
public sealed class ConnectOrganizationClient(
    OrganizationService.OrganizationServiceClient organizations,
    InvitationService.InvitationServiceClient invitations,
    ConnectCall call)
{
    /// <summary>Creates an organisation.</summary>
    public async Task<Organization> CreateOrganizationAsync(string displayName, string affiliateNumber, IEnumerable<string> topicIds, Language language, CancellationToken cancellationToken = default)
    {
        var request = new CreateOrganizationRequest { DisplayName = displayName, AffiliateNumber = affiliateNumber, Language = language };
        request.TopicIds.AddRange(topicIds);
        return (await ConnectCall.Run(organizations.CreateOrganizationAsync(request, call.Options(cancellationToken)))).Organization;
    }

    /// <summary>Returns one organisation.</summary>
    public async Task<Organization> GetOrganizationAsync(string id, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(organizations.GetOrganizationAsync(new() { Id = id }, call.Options(cancellationToken)))).Organization;

    /// <summary>Returns a page of organisations.</summary>
    public Task<ListOrganizationsResponse> ListOrganizationsAsync(int pageSize = 0, string pageToken = "", CancellationToken cancellationToken = default) =>
        ConnectCall.Run(organizations.ListOrganizationsAsync(new() { PageSize = pageSize, PageToken = pageToken }, call.Options(cancellationToken)));

    /// <summary>Returns the topic catalogue.</summary>
    public async Task<IReadOnlyList<Topic>> ListTopicsAsync(CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(organizations.ListTopicsAsync(new(), call.Options(cancellationToken)))).Topics;

    /// <summary>Invites an organisation's administrator by e-mail.</summary>
    public async Task<Invitation> InviteByEmailAsync(string organizationId, string email, Language language = Language.Unspecified, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(invitations.CreateInvitationAsync(
            new() { OrganizationId = organizationId, Email = email, Language = language }, call.Options(cancellationToken)))).Invitation;

    /// <summary>Issues an invitation for a letter; the answer holds the access code, once.</summary>
    public Task<CreateInvitationResponse> InviteByLetterAsync(string organizationId, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(invitations.CreateInvitationAsync(
            new() { OrganizationId = organizationId, Letter = new LetterDelivery() }, call.Options(cancellationToken)));

    /// <summary>Returns a page of an organisation's invitations, newest first.</summary>
    public Task<ListInvitationsResponse> ListInvitationsAsync(string organizationId, int pageSize = 0, string pageToken = "", CancellationToken cancellationToken = default) =>
        ConnectCall.Run(invitations.ListInvitationsAsync(
            new() { OrganizationId = organizationId, PageSize = pageSize, PageToken = pageToken }, call.Options(cancellationToken)));

    /// <summary>Revokes a pending invitation; its access code stops working at once.</summary>
    public async Task<Invitation> RevokeInvitationAsync(string invitationId, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(invitations.RevokeInvitationAsync(new() { Id = invitationId }, call.Options(cancellationToken)))).Invitation;
}
