using Connect.V1;
using Google.Protobuf.WellKnownTypes;

namespace Connect.Client;

/// <summary>
/// User management of the signed-in administrator's organisation ("Gestion des utilisateurs"): list, authorise
/// a new person with the SMS code they read out, change rights, topics and mobile numbers, deactivate.
/// </summary>
public sealed class ConnectMemberClient(MemberService.MemberServiceClient client, ConnectCall call)
{
    /// <summary>A page of members in name order; <paramref name="states"/> empty lists everyone but the deactivated.</summary>
    public Task<ListMembersResponse> ListMembersAsync(string? query = null, IEnumerable<MemberState>? states = null, int pageSize = 0,
        string? pageToken = null, CancellationToken cancellationToken = default)
    {
        var request = new ListMembersRequest { Query = query ?? "", PageSize = pageSize, PageToken = pageToken ?? "" };
        if (states is not null) request.States.AddRange(states);
        return ConnectCall.Run(client.ListMembersAsync(request, call.Options(cancellationToken)));
    }

    /// <summary>Returns one member.</summary>
    public async Task<Member> GetMemberAsync(string memberId, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.GetMemberAsync(new() { MemberId = memberId }, call.Options(cancellationToken)))).Member;

    /// <summary>Authorises a person; an SMS code goes to their number, to be verified with <see cref="VerifyMemberPhoneAsync"/>.</summary>
    public Task<CreateMemberResponse> CreateMemberAsync(CreateMemberRequest request, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.CreateMemberAsync(request, call.Options(cancellationToken)));

    /// <summary>Sends a new SMS code to the number waiting for one.</summary>
    public Task<SendMemberPhoneCodeResponse> SendMemberPhoneCodeAsync(string memberId, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.SendMemberPhoneCodeAsync(new() { MemberId = memberId }, call.Options(cancellationToken)));

    /// <summary>Verifies a new member's number with the code the person reads out.</summary>
    public async Task<Member> VerifyMemberPhoneAsync(string memberId, string code, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.VerifyMemberPhoneAsync(new() { MemberId = memberId, Code = code }, call.Options(cancellationToken)))).Member;

    /// <summary>Sends a pending member a new activation e-mail.</summary>
    public Task<ResendActivationResponse> ResendActivationAsync(string memberId, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.ResendActivationAsync(new() { MemberId = memberId }, call.Options(cancellationToken)));

    /// <summary>Cancels a pending member.</summary>
    public async Task CancelMemberAsync(string memberId, CancellationToken cancellationToken = default) =>
        await ConnectCall.Run(client.CancelMemberAsync(new() { MemberId = memberId }, call.Options(cancellationToken)));

    /// <summary>
    /// Changes names, the administrator right and topics of <paramref name="member"/> (its id and etag as read);
    /// <paramref name="fields"/> names the fields to change, all four when empty.
    /// </summary>
    public async Task<Member> UpdateMemberAsync(Member member, IEnumerable<string>? fields = null, CancellationToken cancellationToken = default)
    {
        var request = new UpdateMemberRequest { Member = member, UpdateMask = new FieldMask() };
        if (fields is not null) request.UpdateMask.Paths.AddRange(fields);
        return (await ConnectCall.Run(client.UpdateMemberAsync(request, call.Options(cancellationToken)))).Member;
    }

    /// <summary>Sends an SMS code to a member's new number; the old number stays until it is confirmed.</summary>
    public Task<StartMemberPhoneChangeResponse> StartMemberPhoneChangeAsync(string memberId, string phoneNumber, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.StartMemberPhoneChangeAsync(new() { MemberId = memberId, PhoneNumber = phoneNumber }, call.Options(cancellationToken)));

    /// <summary>Confirms a member's new number with the code the person reads out.</summary>
    public async Task<Member> ConfirmMemberPhoneChangeAsync(string memberId, string code, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ConfirmMemberPhoneChangeAsync(new() { MemberId = memberId, Code = code }, call.Options(cancellationToken)))).Member;

    /// <summary>Deactivates a member who left; their sessions in the organisation end.</summary>
    public Task<DeactivateMemberResponse> DeactivateMemberAsync(string memberId, string? etag = null, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.DeactivateMemberAsync(new() { MemberId = memberId, Etag = etag ?? "" }, call.Options(cancellationToken)));

    /// <summary>Gives a deactivated member their access back.</summary>
    public async Task<Member> ReactivateMemberAsync(string memberId, string? etag = null, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ReactivateMemberAsync(new() { MemberId = memberId, Etag = etag ?? "" }, call.Options(cancellationToken)))).Member;

    /// <summary>The topics the organisation may grant.</summary>
    public async Task<IReadOnlyList<Topic>> ListGrantableTopicsAsync(CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ListGrantableTopicsAsync(new(), call.Options(cancellationToken)))).Topics;

    /// <summary>A page of the organisation's audit log (or one member's part of it), newest first.</summary>
    public Task<ListOrganizationAuditEventsResponse> ListAuditEventsAsync(string? memberId = null, int pageSize = 0, string? pageToken = null,
        CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.ListOrganizationAuditEventsAsync(
            new() { MemberId = memberId ?? "", PageSize = pageSize, PageToken = pageToken ?? "" }, call.Options(cancellationToken)));
}
