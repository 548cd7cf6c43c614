using System.Net;
using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;
using Connect.Testing;
using Npgsql;

namespace Connect.Admin.Tests.Hosting;

/// <summary>
/// Two console replicas configured with one key-ring database (<c>Connect:Console:KeyRing:ConnectionString</c>) read
/// each other's cookies: the antiforgery pair one hands out passes the other's check. Each replica gets a home folder
/// of its own, as on two machines, so the per-machine default ring cannot be what they share. Run as built consoles on
/// a real private PostgreSQL; no server is needed, since the language switch asks Connect nothing.
/// </summary>
public sealed partial class ConsoleKeyRingTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AnotherReplica_AcceptsTheFirstOnesCookie_WithASharedKeyRing()
    {
        var keyRing = await PostgresCluster.Shared.CreateDatabaseAsync();

        var status = await PostToSecondReplicaAsync(keyRing);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.True(await KeyCountAsync(keyRing) >= 1, "The key ring's table holds no key.");
    }

    [Fact]
    public async Task AnotherReplica_RefusesTheFirstOnesCookie_WithoutOne()
    {
        Assert.Equal(HttpStatusCode.BadRequest, await PostToSecondReplicaAsync(keyRing: null));
    }

    /// <summary>Takes the sign-in form from one replica and posts its language switch to the other, as a browser
    /// would behind a balancer; answers the second replica's status.</summary>
    private static async Task<HttpStatusCode> PostToSecondReplicaAsync(string? keyRing)
    {
        var homes = new[] { Directory.CreateTempSubdirectory("connect-console-home-"), Directory.CreateTempSubdirectory("connect-console-home-") };
        try
        {
            using var first = RunningApp.Start("Connect.Admin", Environment(keyRing, homes[0]));
            using var second = RunningApp.Start("Connect.Admin", Environment(keyRing, homes[1]));
            var addresses = await Task.WhenAll(ListeningAddressAsync(first), ListeningAddressAsync(second));

            // One cookie jar for both: the cookies are scoped to 127.0.0.1, which both replicas answer on.
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() });
            var form = await browser.GetStringAsync(new Uri(addresses[0], "/signin"));
            var token = AntiforgeryToken().Match(form);
            Assert.True(token.Success, "The sign-in page carries no antiforgery token.");

            using var switched = await browser.PostAsync(new Uri(addresses[1], "/language"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["culture"] = "en",
                ["returnUrl"] = "/signin",
            }));
            return switched.StatusCode;
        }
        finally
        {
            foreach (var home in homes) home.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Environment(string? keyRing, DirectoryInfo home)
    {
        var environment = new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0",
            // Where the default ring lives (~/.aspnet/DataProtection-Keys).
            ["HOME"] = home.FullName,
        };
        if (keyRing is not null) environment["Connect__Console__KeyRing__ConnectionString"] = keyRing;
        return environment;
    }

    private static async Task<Uri> ListeningAddressAsync(RunningApp console) =>
        new((await console.WaitForLineAsync(Listening(), StartPatience)).Groups[1].Value);

    private static async Task<long> KeyCountAsync(string keyRing)
    {
        await using var connection = new NpgsqlConnection(keyRing);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""select count(*) from "DataProtectionKeys" """, connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
