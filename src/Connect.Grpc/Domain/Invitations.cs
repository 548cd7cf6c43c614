using Connect.Grpc.Security;
using Connect.V1;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>An issued invitation and, for letters and the bootstrap, its access code (shown once).</summary>
internal sealed record IssuedInvitation(Invitation Invitation, string FormattedCode, string RegistrationUri);

/// <summary>Letter invitations just issued, in the order asked, and their letters as one PDF (returned once: the codes are not kept).</summary>
internal sealed record IssuedLetters(IReadOnlyList<IssuedInvitation> Invitations, byte[] Pdf);

/// <summary>Invitations for an organisation's administrator, each with a single-use access code.</summary>
internal sealed class Invitations(IStore store, TimeProvider time, Audit audit, Secrets secrets, IMessageOutbox outbox,
    IOptions<LinkOptions> links, Organizations organizations, IInvitationLetters letters)
{
    public static readonly TimeSpan EmailValidity = TimeSpan.FromDays(14);
    public static readonly TimeSpan LetterValidity = TimeSpan.FromDays(30);
    public static readonly TimeSpan BootstrapValidity = TimeSpan.FromHours(24);
    public const string AccessCodePurpose = "access-code";

    public IssuedInvitation IssueByEmail(Caller caller, string? organizationId, string? email, string? language)
    {
        var address = Validate.Email("email", email);
        var organization = organizations.Get(organizationId);
        var issued = store.Write(w => IssueByEmail(w, caller, organization, address, language));
        outbox.Notify();
        return issued;
    }

    /// <summary>
    /// Issues an e-mail invitation inside <paramref name="transaction"/> (an import's, for one); the e-mail is queued in
    /// it, so the caller calls <see cref="IMessageOutbox.Notify"/> after the commit. <paramref name="address"/> is valid.
    /// </summary>
    public IssuedInvitation IssueByEmail(IStoreWriter transaction, Caller caller, Organization organization, string address, string? language)
    {
        var result = Issue(transaction, caller, organization, InvitationDelivery.Email, address);
        outbox.Enqueue(transaction, new InvitationEmail(address, language ?? organization.Language, organization.DisplayName,
            result.FormattedCode, result.RegistrationUri, result.Invitation.ExpiresAt));
        return result;
    }

    /// <summary>A letter invitation and its letter, rendered in the same write: a letter that cannot be made issues nothing.</summary>
    public IssuedLetters IssueLetter(Caller caller, string? organizationId)
    {
        var organization = organizations.Get(organizationId);
        return store.Write(w =>
        {
            var issued = IssueForLetter(w, caller, organization);
            return new IssuedLetters([issued], letters.Render([new InvitationLetter(organization, issued)]));
        });
    }

    /// <summary>Issues a letter invitation inside <paramref name="transaction"/>; the code is in the answer only, for the letter.</summary>
    public IssuedInvitation IssueForLetter(IStoreWriter transaction, Caller caller, Organization organization) =>
        Issue(transaction, caller, organization, InvitationDelivery.Letter, null);

    /// <summary>The first operator's invitation, issued inside the bootstrap write.</summary>
    public IssuedInvitation IssueBootstrap(IStoreWriter transaction, Organization fund) =>
        Issue(transaction, Caller.Anonymous(null, null), fund, InvitationDelivery.Bootstrap, null);

    public (IReadOnlyList<Invitation> Page, string? NextAfterId) List(string? organizationId, int pageSize, string? beforeId)
    {
        var organization = organizations.Get(organizationId);
        var page = store.Read(r => r.Page<Invitation>(i => i.OrganizationId == organization.Id, beforeId, pageSize + 1, descending: true));
        return page.Count > pageSize ? (page.Take(pageSize).ToList(), page[pageSize - 1].Id) : (page, null);
    }

    public Invitation Revoke(Caller caller, string? invitationId)
    {
        var id = Validate.Token("id", invitationId, ErrorReason.InvitationNotFound);
        return store.Write(w =>
        {
            var invitation = w.Get<Invitation>(id) ?? throw new ConnectException(ErrorReason.InvitationNotFound, "The invitation does not exist.");
            var state = invitation.StateAt(time.UtcNow());
            if (state != Domain.InvitationState.Pending)
                throw new ConnectException(ErrorReason.InvitationNotPending, $"The invitation is {state.ToString().ToLowerInvariant()}.");
            invitation.RevokedAt = time.UtcNow();
            w.Update(invitation);
            audit.Record(w, caller, "invitation.revoked", invitation.OrganizationId, "invitation", invitation.Id);
            return invitation;
        });
    }

    /// <summary>The pending invitation of an access code as typed, or the reason it cannot be used.</summary>
    public Invitation FindUsable(IStoreReader reader, string? typedCode)
    {
        var code = AccessCodes.Normalize(typedCode)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        var hash = secrets.KeyedHash(AccessCodePurpose, code);
        var invitation = reader.FindOne<Invitation>(i => i.CodeHash == hash)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        EnsureUsable(invitation);
        return invitation;
    }

    public void EnsureUsable(Invitation invitation)
    {
        switch (invitation.StateAt(time.UtcNow()))
        {
            case Domain.InvitationState.Pending:
                return;
            case Domain.InvitationState.Expired:
                throw new ConnectException(ErrorReason.AccessCodeExpired, "The access code has expired.");
            default:
                throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        }
    }

    private IssuedInvitation Issue(IStoreWriter transaction, Caller caller, Organization organization, InvitationDelivery delivery, string? email)
    {
        var now = time.UtcNow();
        var code = AccessCodes.New();
        var invitation = new Invitation
        {
            OrganizationId = organization.Id,
            Delivery = delivery,
            Email = email,
            CodeHash = secrets.KeyedHash(AccessCodePurpose, code),
            CreatedAt = now,
            ExpiresAt = now + delivery switch
            {
                InvitationDelivery.Email => EmailValidity,
                InvitationDelivery.Letter => LetterValidity,
                _ => BootstrapValidity,
            },
            CreatedBy = caller.PersonId,
        };
        transaction.Insert(invitation);
        var details = new Dictionary<string, string> { ["delivery"] = delivery.ToString().ToLowerInvariant() };
        if (email is not null) details["email"] = email;
        audit.Record(transaction, caller, "invitation.created", organization.Id, "invitation", invitation.Id, details);
        var formatted = AccessCodes.Format(code);
        return new IssuedInvitation(invitation, formatted, links.Value.RegistrationUri(formatted));
    }
}
