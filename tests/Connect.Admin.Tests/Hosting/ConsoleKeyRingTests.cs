using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;
using Connect.Testing;
using Npgsql;

namespace Connect.Admin.Tests.Hosting;

/// <summary>
/// Two console replicas configured with one key ring (<c>Connect:Console:KeyRing:…</c>) read each other's cookies: the
/// antiforgery pair one hands out passes the other's check. Each replica gets a home folder of its own, as on two
/// machines, so the per-machine default ring cannot be what they share. Run as built consoles, on a real private
/// PostgreSQL where the ring is there; no server is needed, since the language switch asks Connect nothing.
/// </summary>
public sealed partial class ConsoleKeyRingTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AnotherReplica_AcceptsTheFirstOnesCookie_WithAKeyRingInPostgres()
    {
        var keyRing = await PostgresCluster.Shared.CreateDatabaseAsync();

        var status = await PostToSecondReplicaAsync(new() { ["Connect__Console__KeyRing__ConnectionString"] = keyRing });

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.True(await KeyCountAsync(keyRing) >= 1, "The key ring's table holds no key.");
    }

    [Fact]
    public async Task AnotherReplica_RefusesTheFirstOnesCookie_WithoutASharedKeyRing()
    {
        Assert.Equal(HttpStatusCode.BadRequest, await PostToSecondReplicaAsync([]));
    }

    [Fact]
    public async Task AnotherReplica_AcceptsTheFirstOnesCookie_WithAKeyRingInASharedFolder_EncryptedByACertificate()
    {
        var folder = Directory.CreateTempSubdirectory("connect-console-keys-");
        try
        {
            var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var certificate = Path.Combine(folder.FullName, "key-ring.pfx");
            await File.WriteAllBytesAsync(certificate, NewCertificate(password));
            var keys = folder.CreateSubdirectory("keys");

            var status = await PostToSecondReplicaAsync(new()
            {
                ["Connect__Console__KeyRing__Directory"] = keys.FullName,
                ["Connect__Console__KeyRing__Certificate"] = certificate,
                ["Connect__Console__KeyRing__CertificatePassword"] = password,
            });

            Assert.Equal(HttpStatusCode.Redirect, status);
            // Replicas that start together on an empty ring may each make a key; every one is encrypted.
            var files = keys.GetFiles("key-*.xml");
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                var xml = await File.ReadAllTextAsync(file.FullName);
                Assert.Contains("<EncryptedData", xml);
                Assert.DoesNotContain("<value>", xml); // the master key in the clear
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheConsole_RefusesToStart_WithTwoKeyRings()
    {
        using var console = RunningApp.Start("Connect.Admin", new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0",
            ["Connect__Console__KeyRing__ConnectionString"] = "Host=127.0.0.1",
            ["Connect__Console__KeyRing__Directory"] = Path.GetTempPath(),
        });

        var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() => console.WaitForLineAsync(Listening(), StartPatience));
        Assert.Contains("are both set", stopped.Message);
    }

    /// <summary>Takes the sign-in form from one replica and posts its language switch to the other, as a browser
    /// would behind a balancer; answers the second replica's status.</summary>
    private static async Task<HttpStatusCode> PostToSecondReplicaAsync(Dictionary<string, string> keyRing)
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

    private static Dictionary<string, string> Environment(Dictionary<string, string> keyRing, DirectoryInfo home) => new(keyRing)
    {
        ["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0",
        // Where the default ring lives (~/.aspnet/DataProtection-Keys).
        ["HOME"] = home.FullName,
    };

    private static async Task<Uri> ListeningAddressAsync(RunningApp console) =>
        new((await console.WaitForLineAsync(Listening(), StartPatience)).Groups[1].Value);

    private static async Task<long> KeyCountAsync(string keyRing)
    {
        await using var connection = new NpgsqlConnection(keyRing);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""select count(*) from "DataProtectionKeys" """, connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A self-signed RSA certificate with its private key, as the PKCS#12 file an operator would deploy.</summary>
    private static byte[] NewCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Connect console key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pkcs12, password);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
