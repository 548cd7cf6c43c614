using Connect.Admin.Tests.Infrastructure;
using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Pages.Members;

/// <summary>
/// One running system for the walk through the guide's user management, and the people the user management's tests
/// share. Claire administers "Dubois SA", which may grant three topics; everyone she authorises has a mobile number
/// of their own, so that no test waits for another's 60 seconds between two codes. The refusals run on a system of
/// their own (<see cref="UserManagementRefusalsCollection"/>), beside the walk, which spends a minute waiting for the
/// new person's first SMS code.
/// </summary>
[CollectionDefinition(Name)]
public sealed class UserManagementCollection : ICollectionFixture<ConnectSystem>
{
    public const string Name = "user management";

    /// <summary>The topics Dubois SA may grant (ids of the fund's catalogue).</summary>
    public static readonly IReadOnlyList<string> Topics = ["contributions", "family-allowances", "salary-declarations"];

    /// <summary>The administrator; signs in with a recovery code, so that her own number's SMS limit never holds a test up.</summary>
    public static readonly TestPerson Claire =
        new("Claire", "Dubois", "claire.dubois@dubois.example.ch", "+41 79 500 00 01", "Claire veille sur les accès de la maison");

    /// <summary>A fiduciary with an account of his own, whom Claire adds to Dubois SA without the administrator right.</summary>
    public static readonly TestPerson Hugo =
        new("Hugo", "Steiner", "hugo.steiner@steiner.example.ch", "+41 79 500 00 02", "Hugo tient les livres de plusieurs maisons");

    /// <summary>Claire, registered once per system with her recovery codes.</summary>
    public static Task<RegisteredPerson> AdministratorAsync(ConnectSystem system) =>
        system.RegisterAsync(Claire, recoveryCodes: true, topicIds: Topics);

    /// <summary>The client library acting with Claire's session from her registration, as another administrator's console would.</summary>
    public static async Task<ServiceProvider> AsAdministratorAsync(ConnectSystem system) =>
        system.Client((await AdministratorAsync(system)).SessionToken);

    /// <summary>Authorises <paramref name="person"/> at Dubois SA through the API, with the SMS code sent to their number.</summary>
    public static async Task<Member> AuthoriseAsync(ConnectSystem system, TestPerson person)
    {
        using var asClaire = await AsAdministratorAsync(system);
        var members = asClaire.GetRequiredService<ConnectMemberClient>();
        var created = await members.CreateMemberAsync(new CreateMemberRequest
        {
            Email = person.Email, GivenName = person.GivenName, FamilyName = person.FamilyName, PhoneNumber = person.PhoneNumber,
        });
        return await members.VerifyMemberPhoneAsync(created.Member.Id, Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(person.PhoneNumber)));
    }

    /// <summary>Dubois SA's id.</summary>
    public static async Task<string> OrganizationIdAsync(ConnectSystem system)
    {
        using var asClaire = await AsAdministratorAsync(system);
        return (await asClaire.GetRequiredService<ConnectSessionClient>().WhoAmIAsync()).OrganizationId;
    }
}
