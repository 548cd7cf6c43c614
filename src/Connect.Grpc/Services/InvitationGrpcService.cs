using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of <see cref="Invitations"/>; fund operators only.</summary>
internal sealed class InvitationGrpcService(Invitations invitations, CallerResolver callers, TimeProvider time) : InvitationService.InvitationServiceBase
{
    private const string ListName = "invitations";

    public override Task<CreateInvitationResponse> CreateInvitation(CreateInvitationRequest request, ServerCallContext context)
    {
        var caller = callers.Operator(context);
        var now = time.UtcNow();
        var response = request.DeliveryCase switch
        {
            CreateInvitationRequest.DeliveryOneofCase.Email => new CreateInvitationResponse
            {
                Invitation = invitations.IssueByEmail(caller, request.OrganizationId, request.Email, request.Language.ToCodeOrNull()).Invitation.ToProto(now),
            },
            CreateInvitationRequest.DeliveryOneofCase.Letter => LetterResponse(invitations.IssueLetter(caller, request.OrganizationId), now),
            _ => throw ConnectException.Field("delivery", "choose email or letter"),
        };
        return Task.FromResult(response);
    }

    public override Task<ListInvitationsResponse> ListInvitations(ListInvitationsRequest request, ServerCallContext context)
    {
        callers.Operator(context);
        var (page, next) = invitations.List(request.OrganizationId, Validate.PageSize(request.PageSize), PageTokens.Decode(ListName, request.PageToken));
        var now = time.UtcNow();
        var response = new ListInvitationsResponse { NextPageToken = PageTokens.Encode(ListName, next) };
        response.Invitations.AddRange(page.Select(i => i.ToProto(now)));
        return Task.FromResult(response);
    }

    public override Task<RevokeInvitationResponse> RevokeInvitation(RevokeInvitationRequest request, ServerCallContext context)
    {
        var caller = callers.Operator(context);
        var invitation = invitations.Revoke(caller, request.Id);
        return Task.FromResult(new RevokeInvitationResponse { Invitation = invitation.ToProto(time.UtcNow()) });
    }

    private static CreateInvitationResponse LetterResponse(IssuedLetters issued, DateTime now) => new()
    {
        Invitation = issued.Invitations[0].Invitation.ToProto(now),
        AccessCode = issued.Invitations[0].FormattedCode,
        RegistrationUri = issued.Invitations[0].RegistrationUri,
        LetterPdf = Google.Protobuf.ByteString.CopyFrom(issued.Pdf),
    };
}
