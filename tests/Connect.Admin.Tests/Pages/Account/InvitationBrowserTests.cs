using Connect.Admin.Tests.Infrastructure;
using Connect.Admin.Tests.Pages.SignIn;
using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Pages.Account;

/// <summary>
/// A person who already has an account is added by another organisation: after signing in they see the invitation on
/// their home page and accept it, or decline it after a confirmation. The organisation's administrator works over the
/// API here; their pages get the same answers as for a new person.
/// </summary>
[Collection(SignInCollection.Name)]
public sealed class InvitationBrowserTests(ConnectSystem system)
{
    private static readonly TestPerson Olga = new("Olga", "Frei", "olga.frei@frei.example.ch", "+41 79 300 00 41", "Olga ouvre une nouvelle agence");
    private static readonly TestPerson Rita = new("Rita", "Graf", "rita.graf@graf.example.ch", "+41 79 300 00 42", "Rita accepte volontiers les mandats");
    private static readonly TestPerson Hugo = new("Hugo", "Roth", "hugo.roth@roth.example.ch", "+41 79 300 00 43", "Hugo ne travaille pas pour eux");

    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task APersonWithAnAccount_SeesTheInvitation_AcceptsOne_AndDeclinesAnother() => system.RunAsync(async () =>
    {
        var olga = await system.RegisterAsync(Olga);
        var rita = await system.RegisterAsync(Rita, recoveryCodes: true);
        var hugo = await system.RegisterAsync(Hugo, recoveryCodes: true);
        using var asOlga = system.Client(olga.SessionToken);
        var members = asOlga.GetRequiredService<ConnectMemberClient>();
        var forRita = await AddAsync(members, rita, "+41 79 300 00 44");
        var forHugo = await AddAsync(members, hugo, "+41 79 300 00 45");

        system.SignInWithRecoveryCode(rita);
        Assert.Contains(olga.OrganizationName, Browser.Text("#invitations-notice"));
        Browser.Click("#invitations-notice a");
        Browser.ExpectPath("/account/invitations");
        Assert.Equal([olga.OrganizationName], Browser.Texts("#invitations .organization-name"));
        Browser.Submit($"tr[data-invitation='{forRita.Id}'] button.accept-invitation");
        Browser.ExpectPath("/account");
        Assert.Contains($"Vous avez maintenant accès à {olga.OrganizationName}", Browser.MainText);
        Assert.False(Browser.Exists("#invitations-notice"));
        var accepted = await members.GetMemberAsync(forRita.Id);
        Assert.Equal((MemberState.Active, "Rita", "Graf"), (accepted.State, accepted.GivenName, accepted.FamilyName));

        system.SignInWithRecoveryCode(hugo);
        Browser.Click("#invitations-notice a");
        Browser.ExpectPath("/account/invitations");
        Browser.Click($"tr[data-invitation='{forHugo.Id}'] a.decline-invitation");
        Browser.ExpectPath("/account/invitations/decline");
        Assert.Contains($"Refuser l'invitation de {olga.OrganizationName}", Browser.Text("h1"));
        Browser.Submit("#decline-invitation button[type=submit]");
        Browser.ExpectPath("/account");
        Assert.Contains($"Vous avez refusé l'invitation de {olga.OrganizationName}", Browser.MainText);
        var gone = await Assert.ThrowsAsync<ConnectClientException>(() => members.GetMemberAsync(forHugo.Id));
        Assert.Equal(ErrorReason.MemberNotFound, gone.Reason);
        Browser.Open(system.ConsoleUrl("/account/invitations"));
        Assert.True(Browser.Exists("#no-invitations"));
    });

    /// <summary>
    /// The organisation adds the person under names and a number of its own; the code reaches the person's own phone,
    /// who reads it out. Returns the member as the organisation sees it: waiting, with what it typed.
    /// </summary>
    private async Task<Member> AddAsync(ConnectMemberClient members, RegisteredPerson person, string typedNumber)
    {
        var created = await members.CreateMemberAsync(new() { Email = person.Email, GivenName = "Tapé", FamilyName = "Ailleurs", PhoneNumber = typedNumber });
        var code = Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(person.Person.PhoneNumber));
        var member = await members.VerifyMemberPhoneAsync(created.Member.Id, code);
        Assert.Equal((MemberState.PendingActivation, "", "Tapé"), (member.State, member.PersonId, member.GivenName));
        return member;
    }
}
