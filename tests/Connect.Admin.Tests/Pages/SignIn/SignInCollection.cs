using Connect.Admin.Tests.Infrastructure;

namespace Connect.Admin.Tests.Pages.SignIn;

/// <summary>
/// One running system for the sign-in and account tests, and the people they sign in as. Everyone is registered
/// together by the first test, so that the 60 seconds between two codes to the same address or number (a rule of
/// Connect) have mostly passed by the time a test asks for a new code.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SignInCollection : ICollectionFixture<ConnectSystem>
{
    public const string Name = "sign-in and account";

    /// <summary>Signs in with SMS, then enrols an authenticator.</summary>
    public static readonly TestPerson Lea = new("Léa", "Keller", "lea.keller@keller.example.ch", "+41 79 300 00 01", "les comptes de Léa sont bien tenus");

    /// <summary>Signs in with recovery codes.</summary>
    public static readonly TestPerson Marc = new("Marc", "Rossi", "marc.rossi@rossi.example.ch", "+41 79 300 00 02", "Marc tient la comptabilité depuis 1998");

    /// <summary>Signs out.</summary>
    public static readonly TestPerson Nina = new("Nina", "Favre", "nina.favre@favre.example.ch", "+41 79 300 00 03", "Nina part en vacances à la montagne");

    /// <summary>Creates recovery codes.</summary>
    public static readonly TestPerson Paul = new("Paul", "Meier", "paul.meier@meier.example.ch", "+41 79 300 00 04", "Paul garde ses codes dans le coffre");

    /// <summary>Changes everything on the account pages.</summary>
    public static readonly TestPerson Jana = new("Jana", "Novak", "jana.novak@novak.example.ch", "+41 79 300 00 07", "Jana change tout ce qui peut changer");

    /// <summary>Forgets the password.</summary>
    public static readonly TestPerson Sara = new("Sara", "Weber", "sara.weber@weber.example.ch", "+41 79 300 00 05", "Sara oublie parfois ses mots de passe");

    /// <summary>Keeps the books of two organisations.</summary>
    public static readonly TestPerson Ivo = new("Ivo", "Bianchi", "ivo.bianchi@bianchi.example.ch", "+41 79 300 00 06", "Ivo tient les livres de deux maisons");

    public const string IvoSecondOrganization = "Fiduciaire Bianchi Sàrl";

    /// <summary>Registers everyone once per system and returns <paramref name="person"/>.</summary>
    public static async Task<RegisteredPerson> ReadyAsync(ConnectSystem system, TestPerson person)
    {
        await system.OnceAsync("everyone", async () =>
        {
            // The two who will need a new code to their registration's address or number go first.
            await system.RegisterAsync(Lea);
            await system.RegisterAsync(Sara, recoveryCodes: true);
            await system.RegisterAsync(Ivo, recoveryCodes: true);
            // In the background: it must wait a minute for new codes to Ivo's address and number.
            _ = system.AddMembershipAsync(Ivo, IvoSecondOrganization);
            await system.RegisterAsync(Marc, recoveryCodes: true);
            await system.RegisterAsync(Nina);
            await system.RegisterAsync(Paul);
            await system.RegisterAsync(Jana);
            return true;
        });
        return await system.RegisterAsync(person);
    }
}
