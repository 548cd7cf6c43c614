using Connect.V1;
using Google.Protobuf.WellKnownTypes;

namespace Connect.Client;

/// <summary>The fund's register of organisations, its topic catalogue and invitations; for fund operators.</summary>
public sealed class ConnectOrganizationClient(
    OrganizationService.OrganizationServiceClient organizations,
    InvitationService.InvitationServiceClient invitations,
    ConnectCall call)
{
    /// <summary>Creates an organisation.</summary>
    public async Task<Organization> CreateOrganizationAsync(string displayName, string affiliateNumber, IEnumerable<string> topicIds, Language language,
        OrganizationContact? contact = null, CancellationToken cancellationToken = default)
    {
        var request = new CreateOrganizationRequest { DisplayName = displayName, AffiliateNumber = affiliateNumber, Language = language, Contact = contact };
        request.TopicIds.AddRange(topicIds);
        return (await ConnectCall.Run(organizations.CreateOrganizationAsync(request, call.Options(cancellationToken)))).Organization;
    }

    /// <summary>Returns one organisation.</summary>
    public async Task<Organization> GetOrganizationAsync(string id, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(organizations.GetOrganizationAsync(new() { Id = id }, call.Options(cancellationToken)))).Organization;

    /// <summary>Returns a page of organisations ordered by name, searched by name words or affiliate number, in the given states (all when none).</summary>
    public Task<ListOrganizationsResponse> ListOrganizationsAsync(string query = "", IEnumerable<OrganizationState>? states = null, int pageSize = 0,
        string pageToken = "", CancellationToken cancellationToken = default)
    {
        var request = new ListOrganizationsRequest { Query = query, PageSize = pageSize, PageToken = pageToken };
        if (states is not null) request.States.AddRange(states);
        return ConnectCall.Run(organizations.ListOrganizationsAsync(request, call.Options(cancellationToken)));
    }

    /// <summary>
    /// Changes the fields named in <paramref name="paths"/> (<c>display_name</c>, <c>contact</c>, <c>language</c>,
    /// <c>topic_ids</c>; all when none) to <paramref name="organization"/>'s values; its <c>etag</c> must be the one read.
    /// </summary>
    public async Task<Organization> UpdateOrganizationAsync(Organization organization, IEnumerable<string>? paths = null, CancellationToken cancellationToken = default)
    {
        var request = new UpdateOrganizationRequest { Organization = organization, UpdateMask = new FieldMask() };
        if (paths is not null) request.UpdateMask.Paths.AddRange(paths);
        return (await ConnectCall.Run(organizations.UpdateOrganizationAsync(request, call.Options(cancellationToken)))).Organization;
    }

    /// <summary>Suspends an organisation: its members can no longer sign in to it; the reason goes to the audit log.</summary>
    public async Task<Organization> SuspendOrganizationAsync(string id, string reason, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(organizations.SuspendOrganizationAsync(new() { Id = id, Reason = reason }, call.Options(cancellationToken)))).Organization;

    /// <summary>Reopens a suspended organisation; the reason goes to the audit log.</summary>
    public async Task<Organization> ReopenOrganizationAsync(string id, string reason, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(organizations.ReopenOrganizationAsync(new() { Id = id, Reason = reason }, call.Options(cancellationToken)))).Organization;

    /// <summary>
    /// Checks (<paramref name="validateOnly"/>) or imports a CSV file of organisations, all or nothing. The answer of an
    /// import holds the letters of its letter rows as one PDF, once.
    /// </summary>
    public Task<ImportOrganizationsResponse> ImportOrganizationsAsync(ReadOnlyMemory<byte> csv, bool validateOnly, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(organizations.ImportOrganizationsAsync(
            new() { Csv = Google.Protobuf.ByteString.CopyFrom(csv.Span), ValidateOnly = validateOnly }, call.Options(cancellationToken)));

    /// <summary>Returns the topic catalogue, retired topics too when asked.</summary>
    public async Task<IReadOnlyList<Topic>> ListTopicsAsync(bool showRetired = false, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(organizations.ListTopicsAsync(new() { ShowRetired = showRetired }, call.Options(cancellationToken)))).Topics;

    /// <summary>Adds a topic to the catalogue.</summary>
    public async Task<Topic> CreateTopicAsync(string topicId, LocalizedText displayName, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(organizations.CreateTopicAsync(new() { TopicId = topicId, DisplayName = displayName }, call.Options(cancellationToken)))).Topic;

    /// <summary>Renames a topic in each language.</summary>
    public async Task<Topic> RenameTopicAsync(string id, LocalizedText displayName, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(organizations.UpdateTopicAsync(new() { Id = id, DisplayName = displayName }, call.Options(cancellationToken)))).Topic;

    /// <summary>Retires a topic: it can no longer be granted or checked; history keeps it.</summary>
    public async Task<Topic> RetireTopicAsync(string id, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(organizations.RetireTopicAsync(new() { Id = id }, call.Options(cancellationToken)))).Topic;

    /// <summary>Invites an organisation's administrator by e-mail.</summary>
    public async Task<Invitation> InviteByEmailAsync(string organizationId, string email, Language language = Language.Unspecified, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(invitations.CreateInvitationAsync(
            new() { OrganizationId = organizationId, Email = email, Language = language }, call.Options(cancellationToken)))).Invitation;

    /// <summary>Issues an invitation for a letter; the answer holds the PDF letter and the access code, once.</summary>
    public Task<CreateInvitationResponse> InviteByLetterAsync(string organizationId, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(invitations.CreateInvitationAsync(
            new() { OrganizationId = organizationId, Letter = new LetterDelivery() }, call.Options(cancellationToken)));

    /// <summary>Issues letter invitations for many organisations; the answer holds all letters as one PDF, once.</summary>
    public Task<CreateLetterInvitationsResponse> InviteByLettersAsync(IEnumerable<string> organizationIds, CancellationToken cancellationToken = default)
    {
        var request = new CreateLetterInvitationsRequest();
        request.OrganizationIds.AddRange(organizationIds);
        return ConnectCall.Run(invitations.CreateLetterInvitationsAsync(request, call.Options(cancellationToken)));
    }

    /// <summary>Sends an invitation again with a new code (a letter: prints it again); the old code dies at once.</summary>
    public Task<ResendInvitationResponse> ResendInvitationAsync(string invitationId, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(invitations.ResendInvitationAsync(new() { Id = invitationId }, call.Options(cancellationToken)));

    /// <summary>Returns a page of an organisation's invitations, newest first.</summary>
    public Task<ListInvitationsResponse> ListInvitationsAsync(string organizationId, int pageSize = 0, string pageToken = "", CancellationToken cancellationToken = default) =>
        ConnectCall.Run(invitations.ListInvitationsAsync(
            new() { OrganizationId = organizationId, PageSize = pageSize, PageToken = pageToken }, call.Options(cancellationToken)));

    /// <summary>Revokes a pending invitation; its access code stops working at once.</summary>
    public async Task<Invitation> RevokeInvitationAsync(string invitationId, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(invitations.RevokeInvitationAsync(new() { Id = invitationId }, call.Options(cancellationToken)))).Invitation;
}
