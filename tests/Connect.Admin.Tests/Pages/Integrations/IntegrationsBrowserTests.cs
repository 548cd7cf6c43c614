using Connect.Admin.Tests.Infrastructure;
using Connect.Admin.Tests.Pages.Operator.Support;
using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Connect.Admin.Tests.Pages.Integrations;

/// <summary>
/// "Intégrations": an administrator registers a partner integration and reads its secret once, rotates it and revokes
/// it; an operator also registers the fund's internal apps. Each secret is tried against Connect as the partner would.
/// </summary>
[Collection(FundStaffCollection.Name)]
public sealed class IntegrationsBrowserTests(ConnectSystem system)
{
    private static readonly TestPerson Irene =
        new("Irène", "Keller", "irene.keller@keller.example.ch", "+41 79 600 00 41", "Irène tient les salaires de la maison");

    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task Administrator_RegistersAnIntegration_SeesTheSecretOnce_RotatesAndRevokesIt() => system.RunAsync(async () =>
    {
        var irene = await system.RegisterAsync(Irene, recoveryCodes: true);
        system.SignInWithRecoveryCode(irene);
        Browser.Press("#main-menu summary");
        Browser.Click("#menu-integrations");
        Browser.ExpectPath("/integrations");
        Assert.True(Browser.Exists("#no-applications"));
        Assert.False(Browser.Exists("#internal-app"));

        // No scope chosen: nothing is registered.
        Browser.Fill("Input.DisplayName", "Payroll Pro");
        Browser.Submit("#register-submit");
        Assert.Contains("Choisissez au moins un droit.", Browser.MainText);
        Assert.True(Browser.Exists("#no-applications"));

        Browser.SetChecked("input[value='users.read']", true);
        Browser.SetChecked("input[value='users.write']", true);
        Browser.Submit("#register-submit");
        var clientId = Browser.Text("#revealed-client-id");
        var secret = Browser.Text("#revealed-client-secret");
        Assert.Contains("il ne sera plus jamais affiché", Browser.Text("#revealed-secret"));
        Assert.Equal("Lire les utilisateurs, Gérer les utilisateurs", Browser.Text(".application-scopes"));
        await Exchange(clientId, secret);

        Browser.Open(system.ConsoleUrl("/integrations"));
        Assert.False(Browser.Exists("#revealed-secret"));
        Assert.DoesNotContain(secret, Browser.PageSource, StringComparison.Ordinal);
        Assert.Contains(secret[..7], Browser.Text(".application-secrets"));

        Browser.Choose("overlap", "none");
        Browser.Submit(".rotate-submit");
        var rotated = Browser.Text("#revealed-client-secret");
        Assert.NotEqual(secret, rotated);
        Assert.Equal(clientId, Browser.Text("#revealed-client-id"));
        await Refused(clientId, secret);
        await Exchange(clientId, rotated);

        Browser.Press("details.revoke summary");
        Browser.Fill("reason", "Changement de logiciel");
        Browser.SetChecked("details.revoke input[type=checkbox]", true);
        Browser.Submit(".revoke-submit");
        Browser.ExpectPath("/integrations");
        Assert.Contains("« Payroll Pro » est révoquée.", Browser.MainText);
        Assert.StartsWith("Révoquée le ", Browser.Text(".application-state"));
        await Refused(clientId, rotated);
    });

    [Fact]
    public Task Operator_RegistersAnInternalApp() => system.RunAsync(async () =>
    {
        await FundStaffCollection.SignInAsOperatorAsync(system);
        Browser.Open(system.ConsoleUrl("/integrations"));
        Browser.Fill("Input.DisplayName", "Portail des cotisations");
        Browser.SetChecked("#internal-app", true);
        Browser.Submit("#register-submit");
        var clientId = Browser.Text("#revealed-client-id");
        var row = $"tr[data-application-id] .application-client-id";
        Assert.Contains(clientId, Browser.Texts(row));
        Assert.Contains("application interne", Browser.MainText);
        Assert.Contains("Vérifier les accès", Browser.MainText);
        var token = await Exchange(clientId, Browser.Text("#revealed-client-secret"));
        Assert.Equal(["access.check"], token.Scopes);

        // Its OpenID Connect sign-in: each URI checked by Connect, the refused one marked on its field.
        Browser.Click($"tr[data-application-id='{token.ApplicationId}'] a.application-sign-in");
        Browser.ExpectPath($"/integrations/{token.ApplicationId}/sign-in");
        Browser.Submit("#application-sign-in button[type=submit]");
        Assert.Equal("Saisissez au moins une adresse de retour.", Browser.ErrorMessage("#application-sign-in .field-error"));
        Browser.Fill("Input.RedirectUris", "https://cotisations.caisse.example/signin-oidc\nhttp://cotisations.caisse.example/callback");
        Browser.Submit("#application-sign-in button[type=submit]");
        Assert.Equal("true", Browser.Attribute("#Input_RedirectUris", "aria-invalid"));
        Browser.Fill("Input.RedirectUris", "https://cotisations.caisse.example/signin-oidc\nhttp://localhost:5173/callback");
        Browser.Fill("Input.BackchannelLogoutUri", "https://cotisations.caisse.example/backchannel");
        Browser.Submit("#application-sign-in button[type=submit]");
        Browser.ExpectPath("/integrations");
        Assert.Contains("La connexion OpenID Connect de « Portail des cotisations » est enregistrée.", Browser.MainText);
        Browser.Click($"tr[data-application-id='{token.ApplicationId}'] a.application-sign-in");
        Assert.Equal("https://cotisations.caisse.example/signin-oidc\nhttp://localhost:5173/callback", Browser.ValueOf("Input.RedirectUris"));
    });


    private async Task<CreateApplicationTokenResponse> Exchange(string clientId, string secret)
    {
        using var channel = GrpcChannel.ForAddress(system.ServerAddress);
        return await new ApplicationService.ApplicationServiceClient(channel)
            .CreateApplicationTokenAsync(new() { ClientId = clientId, ClientSecret = secret });
    }

    private async Task Refused(string clientId, string secret)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Exchange(clientId, secret));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }
}
