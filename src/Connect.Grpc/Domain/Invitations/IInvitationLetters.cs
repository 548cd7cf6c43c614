namespace Connect.Grpc.Domain;

/// <summary>A letter to print: the organisation (name, contact and postal address, language) and its just-issued invitation with the code.</summary>
internal sealed record InvitationLetter(Organization Organization, IssuedInvitation Invitation);

/// <summary>
/// Renders invitation letters for the post (a printable A4 PDF, one letter after the other). The access code is never
/// stored, so a letter is rendered in the call that issues its code and returned once.
/// </summary>
internal interface IInvitationLetters
{
    byte[] Render(IReadOnlyList<InvitationLetter> letters);
}
