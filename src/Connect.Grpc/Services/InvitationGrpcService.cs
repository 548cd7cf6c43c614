using Connect.Grpc.Domain;
using Connect.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of <see cref="Invitations"/>; fund operators only.</summary>
internal sealed class InvitationGrpcService(Invitations invitations, TimeProvider time) : InvitationService.InvitationServiceBase
{
    private const string ListName = "invitations";

    public override Task<CreateInvitationResponse> CreateInvitation(CreateInvitationRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        var response = request.DeliveryCase switch
        {
            CreateInvitationRequest.DeliveryOneofCase.Email => new CreateInvitationResponse
            {
                Invitation = invitations.IssueByEmail(caller, request.OrganizationId, request.Email, request.Language.ToCodeOrNull()).Invitation
                    .ToProto(time.UtcNow()),
            },
            CreateInvitationRequest.DeliveryOneofCase.Letter => LetterResponse(invitations.IssueLetter(caller, request.OrganizationId)),
            _ => throw ConnectException.Field("delivery", "choose email or letter"),
        };
        return Task.FromResult(response);
    }

    public override Task<CreateLetterInvitationsResponse> CreateLetterInvitations(CreateLetterInvitationsRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        var issued = invitations.IssueLetters(caller, request.OrganizationIds);
        var now = time.UtcNow();
        var response = new CreateLetterInvitationsResponse { LettersPdf = UnsafeByteOperations.UnsafeWrap(issued.Pdf) };
        response.Invitations.AddRange(issued.Invitations.Select(i => i.Invitation.ToProto(now)));
        return Task.FromResult(response);
    }

    public override Task<ResendInvitationResponse> ResendInvitation(ResendInvitationRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        var resent = invitations.Resend(caller, request.Id);
        return Task.FromResult(new ResendInvitationResponse
        {
            Invitation = resent.Issued.Invitation.ToProto(time.UtcNow()),
            LetterPdf = resent.LetterPdf is null ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(resent.LetterPdf),
        });
    }

    public override Task<ListInvitationsResponse> ListInvitations(ListInvitationsRequest request, ServerCallContext context)
    {
        var (page, next) = invitations.List(context.Operator(), request.OrganizationId, Validate.PageSize(request.PageSize), PageTokens.Decode(ListName, request.PageToken));
        var now = time.UtcNow();
        var response = new ListInvitationsResponse { NextPageToken = PageTokens.Encode(ListName, next) };
        response.Invitations.AddRange(page.Select(i => i.ToProto(now)));
        return Task.FromResult(response);
    }

    public override Task<RevokeInvitationResponse> RevokeInvitation(RevokeInvitationRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        var invitation = invitations.Revoke(caller, request.Id);
        return Task.FromResult(new RevokeInvitationResponse { Invitation = invitation.ToProto(time.UtcNow()) });
    }

    private CreateInvitationResponse LetterResponse(IssuedLetters issued)
    {
        var letter = issued.Invitations.Single();
        return new CreateInvitationResponse
        {
            Invitation = letter.Invitation.ToProto(time.UtcNow()),
            AccessCode = letter.FormattedCode,
            RegistrationUri = letter.RegistrationUri,
            LetterPdf = UnsafeByteOperations.UnsafeWrap(issued.Pdf),
        };
    }
}
