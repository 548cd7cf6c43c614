using System.Security.Cryptography;
using System.Text;
using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of user management: <see cref="MemberDirectory"/>, <see cref="MemberOnboarding"/>, <see cref="MemberChanges"/>.</summary>
internal sealed class MemberGrpcService(MemberDirectory directory, MemberOnboarding onboarding, MemberChanges changes,
    TopicCatalogue topics)
    : MemberService.MemberServiceBase
{
    private const string AuditListName = "audit";

    public override Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context)
    {
        var administrator = context.Administrator();
        var words = MemberDirectory.SearchWords(request.Query);
        var states = request.States.ToDomain();
        // A token only fits the list it came from: the same organisation, search and states.
        var listName = "members." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{administrator.Session.OrganizationId}|{string.Join(' ', words)}|{string.Join(',', states.Order())}")))[..12];
        var page = directory.List(administrator, Validate.PageSize(request.PageSize), PageTokens.Decode(listName, request.PageToken), words, states);
        var response = new ListMembersResponse { NextPageToken = PageTokens.Encode(listName, page.NextAfterKey) };
        response.Members.AddRange(page.Items.Select(m => m.ToProto(topics)));
        return Task.FromResult(response);
    }

    public override Task<GetMemberResponse> GetMember(GetMemberRequest request, ServerCallContext context)
    {
        return Task.FromResult(new GetMemberResponse { Member = directory.Get(context.Administrator(), request.MemberId).ToProto(topics) });
    }

    public override Task<CreateMemberResponse> CreateMember(CreateMemberRequest request, ServerCallContext context)
    {
        var (member, masked, next) = onboarding.Create(context.Administrator(), request.Email, request.GivenName, request.FamilyName, request.PhoneNumber,
            request.Administrator, request.TopicIds, request.Language.ToCodeOrNull());
        return Task.FromResult(new CreateMemberResponse { Member = member.ToProto(topics), MaskedPhoneNumber = masked, NextResendTime = next.ToTimestamp() });
    }

    public override Task<SendMemberPhoneCodeResponse> SendMemberPhoneCode(SendMemberPhoneCodeRequest request, ServerCallContext context)
    {
        var (masked, next) = onboarding.SendPhoneCode(context.Administrator(), request.MemberId);
        return Task.FromResult(new SendMemberPhoneCodeResponse { MaskedPhoneNumber = masked, NextResendTime = next.ToTimestamp() });
    }

    public override Task<VerifyMemberPhoneResponse> VerifyMemberPhone(VerifyMemberPhoneRequest request, ServerCallContext context)
    {
        return Task.FromResult(new VerifyMemberPhoneResponse { Member = onboarding.VerifyPhone(context.Administrator(), request.MemberId, request.Code).ToProto(topics) });
    }

    public override Task<ResendActivationResponse> ResendActivation(ResendActivationRequest request, ServerCallContext context)
    {
        var (member, expires) = onboarding.ResendActivation(context.Administrator(), request.MemberId);
        return Task.FromResult(new ResendActivationResponse { Member = member.ToProto(topics), ExpireTime = expires.ToTimestamp() });
    }

    public override Task<CancelMemberResponse> CancelMember(CancelMemberRequest request, ServerCallContext context)
    {
        onboarding.Cancel(context.Administrator(), request.MemberId);
        return Task.FromResult(new CancelMemberResponse());
    }

    public override Task<UpdateMemberResponse> UpdateMember(UpdateMemberRequest request, ServerCallContext context)
    {
        var member = request.Member ?? throw ConnectException.Field("member", "must be set");
        var fields = FieldsOf(request.UpdateMask);
        var updated = changes.Update(context.Administrator(), member.Id, member.Etag, fields, member.GivenName, member.FamilyName, member.Administrator, member.TopicIds);
        return Task.FromResult(new UpdateMemberResponse { Member = updated.ToProto(topics) });
    }

    public override Task<StartMemberPhoneChangeResponse> StartMemberPhoneChange(StartMemberPhoneChangeRequest request, ServerCallContext context)
    {
        var (member, next) = changes.StartPhoneChange(context.Administrator(), request.MemberId, request.PhoneNumber);
        return Task.FromResult(new StartMemberPhoneChangeResponse { Member = member.ToProto(topics), NextResendTime = next.ToTimestamp() });
    }

    public override Task<ConfirmMemberPhoneChangeResponse> ConfirmMemberPhoneChange(ConfirmMemberPhoneChangeRequest request, ServerCallContext context)
    {
        return Task.FromResult(new ConfirmMemberPhoneChangeResponse { Member = changes.ConfirmPhoneChange(context.Administrator(), request.MemberId, request.Code).ToProto(topics) });
    }

    public override Task<DeactivateMemberResponse> DeactivateMember(DeactivateMemberRequest request, ServerCallContext context)
    {
        var (member, ended) = changes.Deactivate(context.Administrator(), request.MemberId, request.Etag);
        return Task.FromResult(new DeactivateMemberResponse { Member = member.ToProto(topics), EndedSessions = ended });
    }

    public override Task<ReactivateMemberResponse> ReactivateMember(ReactivateMemberRequest request, ServerCallContext context)
    {
        return Task.FromResult(new ReactivateMemberResponse { Member = changes.Reactivate(context.Administrator(), request.MemberId, request.Etag).ToProto(topics) });
    }

    public override Task<ListGrantableTopicsResponse> ListGrantableTopics(ListGrantableTopicsRequest request, ServerCallContext context)
    {
        var response = new ListGrantableTopicsResponse();
        response.Topics.AddRange(directory.GrantableTopics(context.Administrator()).Select(t => t.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<ListOrganizationAuditEventsResponse> ListOrganizationAuditEvents(ListOrganizationAuditEventsRequest request, ServerCallContext context)
    {
        var listName = AuditListName + (string.IsNullOrEmpty(request.MemberId) ? "" : "." + request.MemberId);
        var page = directory.AuditEvents(context.Administrator(), Validate.PageSize(request.PageSize), PageTokens.Decode(listName, request.PageToken), request.MemberId);
        var response = new ListOrganizationAuditEventsResponse { NextPageToken = PageTokens.Encode(listName, page.NextAfterKey) };
        response.AuditEvents.AddRange(page.Items.Select(e => e.ToProto()));
        return Task.FromResult(response);
    }

    private static readonly Dictionary<string, MemberFields> MaskPaths = new()
    {
        ["given_name"] = MemberFields.GivenName,
        ["family_name"] = MemberFields.FamilyName,
        ["administrator"] = MemberFields.Administrator,
        ["topic_ids"] = MemberFields.TopicIds,
    };

    private static MemberFields FieldsOf(Google.Protobuf.WellKnownTypes.FieldMask? mask) => UpdateMasks.Fields(mask, MaskPaths, MemberFields.All);
}
