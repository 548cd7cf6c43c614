using Connect.Grpc.Security;
using Connect.V1;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>An issued invitation and, for letters and the bootstrap, its access code (shown once).</summary>
internal sealed record IssuedInvitation(Invitation Invitation, string FormattedCode, string RegistrationUri);

/// <summary>Letter invitations just issued, in the order asked, and their letters as one PDF (returned once: the codes are not kept).</summary>
internal sealed record IssuedLetters(IReadOnlyList<IssuedInvitation> Invitations, byte[] Pdf);

/// <summary>The invitation a resend issued in an old one's place, and for a letter its new letter (returned once).</summary>
internal sealed record ResentInvitation(IssuedInvitation Issued, byte[]? LetterPdf);

/// <summary>
/// Invitations for an organisation's administrator, each with a single-use access code. Every way of issuing one (e-mail,
/// letter, a batch of letters, a resend, an import) goes through <see cref="Issue"/>, where the rules that refuse one live.
/// </summary>
internal sealed class Invitations(IStore store, UnitOfWork work, TimeProvider time, Secrets secrets,
    IOptions<LinkOptions> links, Organizations organizations, IInvitationLetters letters)
{
    public static readonly TimeSpan EmailValidity = TimeSpan.FromDays(14);
    public static readonly TimeSpan LetterValidity = TimeSpan.FromDays(30);
    public static readonly TimeSpan BootstrapValidity = TimeSpan.FromHours(24);
    public const string AccessCodePurpose = "access-code";
    /// <summary>Letters in one batch: one print-shop PDF, rendered inside one write.</summary>
    public const int MaxLetterBatch = 500;

    public IssuedInvitation IssueByEmail(OperatorPrincipal caller, string? organizationId, string? email, string? language)
    {
        var address = Validate.Email("email", email);
        var id = OrganizationId("organization_id", organizationId);
        return work.Write(change => IssueByEmail(change, caller, Organization(change.Store, id), address, language));
    }

    /// <summary>
    /// Issues an e-mail invitation inside <paramref name="change"/> (an import's, for one), its e-mail queued there.
    /// <paramref name="address"/> is valid; <paramref name="organization"/> was read in the same transaction.
    /// </summary>
    public IssuedInvitation IssueByEmail(Change change, Caller caller, Organization organization, string address, string? language) =>
        IssueByEmail(change, caller, organization, address, language, replaces: null);

    /// <summary>A letter invitation and its letter, rendered in the same write: a letter that cannot be made issues nothing.</summary>
    public IssuedLetters IssueLetter(OperatorPrincipal caller, string? organizationId)
    {
        var id = OrganizationId("organization_id", organizationId);
        return work.Write(change => IssueLetters(change, caller, [Organization(change.Store, id)]));
    }

    /// <summary>
    /// Letter invitations for 1 to <see cref="MaxLetterBatch"/> organisations, each named once, and their letters as one
    /// PDF in the order asked. All or nothing: one organisation that cannot have a letter fails the call, naming it.
    /// </summary>
    public IssuedLetters IssueLetters(OperatorPrincipal caller, IReadOnlyList<string> organizationIds)
    {
        if (organizationIds.Count is 0 or > MaxLetterBatch)
            throw ConnectException.Field("organization_ids", $"must hold 1 to {MaxLetterBatch} organisation ids");
        var ids = organizationIds.Select(id => OrganizationId("organization_ids", id)).ToList();
        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
            throw ConnectException.Field("organization_ids", "must name each organisation once");
        return work.Write(change => IssueLetters(change, caller, ids.Select(id => NamingTheOrganization(id, () => Organization(change.Store, id))).ToList()));
    }

    /// <summary>
    /// Issues one letter invitation per organisation inside <paramref name="change"/> and renders their letters, in
    /// order, as one PDF; the organisations were read in the same transaction (an import's, for one).
    /// </summary>
    public IssuedLetters IssueLetters(Change change, Caller caller, IReadOnlyList<Organization> recipients)
    {
        var issued = recipients.Select(o => NamingTheOrganization(o.Id, () => IssueForLetter(change, caller, o))).ToList();
        return new IssuedLetters(issued, letters.Render(recipients.Zip(issued, (o, i) => new InvitationLetter(o, i)).ToList()));
    }

    /// <summary>Issues a letter invitation inside <paramref name="change"/>; the code is in the answer only, for the letter.</summary>
    private IssuedInvitation IssueForLetter(Change change, Caller caller, Organization organization) =>
        Issue(change, caller, organization, InvitationDelivery.Letter, email: null, language: null, replaces: null);

    /// <summary>The first operator's invitation, issued inside the bootstrap write.</summary>
    public IssuedInvitation IssueBootstrap(Change change, Organization fund) =>
        Issue(change, Caller.Anonymous(null, null), fund, InvitationDelivery.Bootstrap, email: null, language: null, replaces: null);

    /// <summary>
    /// Issues a pending or expired invitation again with a new code, the same way (e-mail to the same address in the same
    /// language, or a new letter), and revokes the old one in the same write, so the old code dies at once. A bootstrap
    /// invitation is not resent: its code was printed on the server's console, which no API reaches.
    /// </summary>
    public ResentInvitation Resend(OperatorPrincipal caller, string? invitationId)
    {
        var id = Validate.Token("id", invitationId, ErrorReason.InvitationNotFound);
        return work.Write(change =>
        {
            var w = change.Store;
            var old = w.Get<Invitation>(id) ?? throw new ConnectException(ErrorReason.InvitationNotFound, "The invitation does not exist.");
            if (old.Delivery == InvitationDelivery.Bootstrap)
                throw ConnectException.Field("id", "a bootstrap invitation cannot be resent; invite a new operator for the fund's organisation instead");
            var now = time.UtcNow();
            old.EnsureReplaceable(now);
            var organization = Organization(w, old.OrganizationId);
            var issued = old.Delivery == InvitationDelivery.Email
                ? IssueByEmail(change, caller, organization, old.Email!, old.Language, replaces: old.Id)
                : Issue(change, caller, organization, InvitationDelivery.Letter, email: null, language: null, replaces: old.Id);
            old.ReplaceBy(issued.Invitation.Id, now);
            w.Update(old);
            change.Audit(caller, AuditActions.InvitationResent, organization.Id, "invitation", old.Id, new()
            {
                ["old_invitation_id"] = old.Id,
                ["new_invitation_id"] = issued.Invitation.Id,
                ["delivery"] = old.Delivery.ToString().ToLowerInvariant(),
            });
            var pdf = old.Delivery == InvitationDelivery.Letter ? letters.Render([new InvitationLetter(organization, issued)]) : null;
            return new ResentInvitation(issued, pdf);
        });
    }

    public (IReadOnlyList<Invitation> Page, string? NextAfterId) List(OperatorPrincipal @operator, string? organizationId, int pageSize, string? beforeId)
    {
        var organization = organizations.Get(organizationId);
        var page = store.Read(r => r.InvitationsOfOrganization(organization.Id, beforeId, pageSize + 1));
        return page.Count > pageSize ? (page.Take(pageSize).ToList(), page[pageSize - 1].Id) : (page, null);
    }

    public Invitation Revoke(OperatorPrincipal caller, string? invitationId)
    {
        var id = Validate.Token("id", invitationId, ErrorReason.InvitationNotFound);
        return work.Write(change =>
        {
            var w = change.Store;
            var invitation = w.Get<Invitation>(id) ?? throw new ConnectException(ErrorReason.InvitationNotFound, "The invitation does not exist.");
            invitation.Revoke(time.UtcNow());
            w.Update(invitation);
            change.Audit(caller, AuditActions.InvitationRevoked, invitation.OrganizationId, "invitation", invitation.Id);
            return invitation;
        });
    }

    /// <summary>The pending invitation of an access code as typed, or the reason it cannot be used.</summary>
    public Invitation FindUsable(IStoreReader reader, string? typedCode)
    {
        var code = AccessCodes.Normalize(typedCode)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        // Under each configured server key in turn: a code issued before a rotation still works.
        var invitation = secrets.KeyedHashes(AccessCodePurpose, code).Select(reader.InvitationByCodeHash).FirstOrDefault(found => found is not null)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        EnsureUsable(invitation);
        return invitation;
    }

    public void EnsureUsable(Invitation invitation) => invitation.EnsureUsable(time.UtcNow());

    private IssuedInvitation IssueByEmail(Change change, Caller caller, Organization organization, string address, string? language,
        string? replaces)
    {
        var chosen = Languages.OrDefault(language ?? organization.Language);
        var result = Issue(change, caller, organization, InvitationDelivery.Email, address, chosen, replaces);
        change.Send(new InvitationEmail(address, chosen, organization.DisplayName,
            result.FormattedCode, result.RegistrationUri, result.Invitation.ExpiresAt));
        return result;
    }

    /// <summary>The one place every invitation is issued, and refused: a suspended organisation gets none, a letter needs an address.</summary>
    private IssuedInvitation Issue(Change change, Caller caller, Organization organization, InvitationDelivery delivery, string? email,
        string? language, string? replaces)
    {
        if (organization.Suspended)
            throw new ConnectException(ErrorReason.OrganizationSuspended, "The organisation is suspended; it gets no invitation until it is reopened.");
        if (delivery == InvitationDelivery.Letter && !organization.Contact.HasPostalAddress())
            throw new ConnectException(ErrorReason.PostalAddressMissing, "The organisation has no postal address (street line, postal code and locality) for a letter.");
        var now = time.UtcNow();
        var code = AccessCodes.New();
        var invitation = new Invitation
        {
            OrganizationId = organization.Id,
            Delivery = delivery,
            Email = email,
            Language = language,
            CodeHash = secrets.KeyedHash(AccessCodePurpose, code),
            CreatedAt = now,
            ExpiresAt = now + delivery switch
            {
                InvitationDelivery.Email => EmailValidity,
                InvitationDelivery.Letter => LetterValidity,
                _ => BootstrapValidity,
            },
            CreatedBy = caller.PersonId,
            ReplacesId = replaces,
        };
        change.Store.Insert(invitation);
        var details = new Dictionary<string, string> { ["delivery"] = delivery.ToString().ToLowerInvariant() };
        if (email is not null) details["email"] = email;
        if (replaces is not null) details["replaces_invitation_id"] = replaces;
        change.Audit(caller, AuditActions.InvitationCreated, organization.Id, "invitation", invitation.Id, details);
        var formatted = AccessCodes.Format(code);
        return new IssuedInvitation(invitation, formatted, links.Value.RegistrationUri(formatted));
    }

    private static string OrganizationId(string field, string? id) => Validate.Token(field, id, ErrorReason.OrganizationNotFound);

    private static Organization Organization(IStoreReader reader, string id) =>
        reader.Get<Organization>(id) ?? throw new ConnectException(ErrorReason.OrganizationNotFound, "The organisation does not exist.");

    /// <summary>Runs one organisation's part of a batch; a refusal names the organisation, so the operator knows which one.</summary>
    private static T NamingTheOrganization<T>(string organizationId, Func<T> issue)
    {
        try
        {
            return issue();
        }
        catch (ConnectException refused) when (!refused.Metadata.ContainsKey("organization_id"))
        {
            throw new ConnectException(refused.Reason, $"{refused.Message} (organisation {organizationId})")
            {
                Violations = refused.Violations,
                RetryAfter = refused.RetryAfter,
                Metadata = new Dictionary<string, string>(refused.Metadata) { ["organization_id"] = organizationId },
            };
        }
    }
}
