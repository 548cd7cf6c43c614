using System.Net;
using Connect.V1;

namespace Connect.Grpc.Tests.Rest;

/// <summary>A partner without gRPC keeps an employer's persons in step over HTTP/JSON, on the server's REST endpoint.</summary>
public sealed class RestPartnerTests : IDisposable
{
    private readonly ConnectServerFactory _server = ConnectServerFactory.OnLoopback();
    private readonly MemberDriver _driver;
    private readonly ApplicationDriver _apps;
    private readonly RestClient _rest;

    public RestPartnerTests()
    {
        var channel = _server.CreateChannel();
        _driver = new MemberDriver(_server, channel);
        _apps = new ApplicationDriver(channel);
        _rest = new RestClient(_server.RestAddress!);
    }

    public void Dispose()
    {
        _rest.Dispose();
        _server.Dispose();
    }

    private async Task<string> TokenFor(AppCredential credential)
    {
        var (status, body) = await _rest.Post("/v1/token", new { clientId = credential.ClientId, clientSecret = credential.ClientSecret });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("accessToken").GetString()!;
    }

    [Fact]
    public async Task Partner_OverRest_ListsMembers_CreatesAPerson_VerifiesTheCode_AndReadsRefusals()
    {
        var admin = await _driver.Admin("rest-admin@muster.test", "+41795750101", "851.001");
        var other = await _driver.Admin("rest-other@muster.test", "+41795750102", "851.002", "Zweite AG");
        var foreignId = (await _driver.List(other)).Single().Id;
        var credential = await _apps.Partner(admin, "Payroll Pro");
        _rest.Bearer = await TokenFor(credential);

        var (listed, members) = await _rest.Get("/v1/members");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(admin.PersonId, members.GetProperty("members").EnumerateArray().Single().GetProperty("personId").GetString());

        var (created, member) = await _rest.Post("/v1/members", new
        {
            email = "rest-hire@muster.test", givenName = "Rita", familyName = "Rest", phoneNumber = "+41795750103", topicIds = new[] { "contributions" },
        });
        Assert.Equal(HttpStatusCode.OK, created);
        var memberId = member.GetProperty("member").GetProperty("id").GetString()!;
        Assert.Equal("MEMBER_STATE_PENDING_PHONE", member.GetProperty("member").GetProperty("state").GetString());

        // The person reads the SMS code out to whoever operates the partner software.
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795750103"));
        var (wrong, wrongBody) = await _rest.Post($"/v1/members/{memberId}:verifyPhone", new { code = code == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Equal("CODE_INVALID", RestClient.Reason(wrongBody));
        var (verified, verifiedBody) = await _rest.Post($"/v1/members/{memberId}:verifyPhone", new { code });
        Assert.Equal(HttpStatusCode.OK, verified);
        Assert.Equal("MEMBER_STATE_PENDING_ACTIVATION", verifiedBody.GetProperty("member").GetProperty("state").GetString());

        var (_, audit) = await _rest.Get($"/v1/auditEvents?memberId={memberId}");
        var events = audit.GetProperty("auditEvents").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "membership.created");
        Assert.All(events, e =>
        {
            Assert.Equal(credential.ApplicationId, e.GetProperty("actorApplicationId").GetString());
            Assert.Equal("Payroll Pro", e.GetProperty("actorName").GetString());
        });

        var (foreign, foreignBody) = await _rest.Get($"/v1/members/{foreignId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Assert.Equal("MEMBER_NOT_FOUND", RestClient.Reason(foreignBody));

        _rest.Bearer = await TokenFor(await _apps.Partner(admin, "Read only", "users.read"));
        var (refused, refusedBody) = await _rest.Post("/v1/members", new { email = "nope@muster.test", givenName = "N", familyName = "O", phoneNumber = "+41795750104" });
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("SCOPE_NOT_GRANTED", RestClient.Reason(refusedBody));
        Assert.Equal("users.write", refusedBody.GetProperty("details")[0].GetProperty("metadata").GetProperty("scope").GetString());
    }

    [Fact]
    public async Task BadCredentials_AndNoBearer_AnswerTheirReasonsAsJson()
    {
        var admin = await _driver.Admin("rest-cred@muster.test", "+41795750201", "851.003");
        var credential = await _apps.Partner(admin);

        var (wrong, wrongBody) = await _rest.Post("/v1/token", new { clientId = credential.ClientId, clientSecret = credential.ClientSecret + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal("APPLICATION_CREDENTIALS_INVALID", RestClient.Reason(wrongBody));
        Assert.Equal(16, wrongBody.GetProperty("code").GetInt32());

        var (none, noneBody) = await _rest.Get("/v1/members");
        Assert.Equal(HttpStatusCode.Unauthorized, none);
        Assert.Equal("SESSION_REQUIRED", RestClient.Reason(noneBody));

        _rest.Bearer = "cat.forged";
        var (forged, forgedBody) = await _rest.Get("/v1/members");
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal("ACCESS_TOKEN_INVALID", RestClient.Reason(forgedBody));
    }

    [Fact]
    public async Task MalformedJson_UnknownFields_AndOversizedBodies_AreRefused_AndNothingIsWritten()
    {
        var admin = await _driver.Admin("rest-bad@muster.test", "+41795750301", "851.004");
        _rest.Bearer = await TokenFor(await _apps.Partner(admin));
        var self = (await _driver.List(admin)).Single();
        var auditBefore = (await _driver.Audit(admin)).Count;

        var bad = new (HttpMethod Method, string Path, string Json)[]
        {
            (HttpMethod.Post, "/v1/members", "{\"email\": \"half@muster.test\", "),
            (HttpMethod.Post, "/v1/members", "[\"not an object\"]"),
            (HttpMethod.Post, "/v1/members", "{\"email\": \"extra@muster.test\", \"givenName\": \"E\", \"familyName\": \"X\", \"phoneNumber\": \"+41795750302\", \"admin\": true}"),
            (HttpMethod.Post, "/v1/members", "{\"email\": 42}"),
            (HttpMethod.Patch, $"/v1/members/{self.Id}", "{\"etag\": \"" + self.Etag + "\", \"givenName\": \"Eve\", \"role\": \"owner\"}"),
            (HttpMethod.Post, "/v1/token", "{\"clientId\": \"x\", \"clientSecret\": \"y\", \"grant_type\": \"client_credentials\"}"),
            // Routes match without regard to case: the guard must too.
            (HttpMethod.Post, "/V1/Members", "{\"email\": \"case@muster.test\", \"givenName\": \"C\", \"familyName\": \"A\", \"phoneNumber\": \"+41795750302\", \"admin\": true}"),
        };
        foreach (var (method, path, json) in bad)
        {
            var (status, body) = await _rest.Send(method, path, json);
            Assert.True(status == HttpStatusCode.BadRequest, $"{method} {path} {json} answered {status}");
            Assert.Equal("REQUEST_INVALID", RestClient.Reason(body));
        }

        // Query parameters name fields too: by JSON or proto name; anything else is refused rather than skipped.
        Assert.Equal(HttpStatusCode.OK, (await _rest.Get("/v1/members?pageSize=1&states=MEMBER_STATE_ACTIVE")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _rest.Get("/v1/members?page_size=1")).Status);
        foreach (var query in new[] { "/v1/members?bogus=1", "/v1/members?pageSize.x=1", "/v1/auditEvents?memberId=x&actor=y" })
        {
            var (status, body) = await _rest.Get(query);
            Assert.True(status == HttpStatusCode.BadRequest, $"{query} answered {status}");
            Assert.Equal("REQUEST_INVALID", RestClient.Reason(body));
        }

        var huge = "{\"email\": \"big@muster.test\", \"givenName\": \"" + new string('a', 1024 * 1024) + "\"}";
        var (tooLarge, tooLargeBody) = await _rest.Send(HttpMethod.Post, "/v1/members", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Equal("MESSAGE_TOO_LARGE", RestClient.Reason(tooLargeBody));
        // Without a Content-Length (chunked), the body is read to one byte past the limit.
        var (chunked, chunkedBody) = await _rest.SendChunked(HttpMethod.Post, "/V1/members", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked);
        Assert.Equal("MESSAGE_TOO_LARGE", RestClient.Reason(chunkedBody));

        Assert.Equal([self.PersonId], (await _driver.List(admin, MemberState.PendingPhone, MemberState.Active)).Select(m => m.PersonId));
        Assert.Equal("Anna", (await _driver.Get(admin, self.Id)).GivenName);
        Assert.Empty(_server.Sms.To("+41795750302"));
        Assert.Equal(auditBefore, (await _driver.Audit(admin)).Count);
    }

    [Fact]
    public async Task TheOpenApiDocument_AndTheReferencePage_AreServed_WithTheirOwnAssets()
    {
        var (status, document) = await _rest.Get("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v1/token", "/v1/members", "/v1/members/{memberId}", "/v1/members/{memberId}:verifyPhone", "/v1/session:checkAccess" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        Assert.Contains("for an access token", paths.GetProperty("/v1/token").GetProperty("post").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        // The messages' fields carry their proto comments too.
        var phone = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateMemberRequest").GetProperty("properties").GetProperty("phoneNumber");
        Assert.Contains("mobile number", phone.GetProperty("description").GetString(), StringComparison.Ordinal);

        using var page = await _rest.Raw("/reference/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        foreach (var asset in new[] { "/reference/swagger-ui.css", "/reference/index.css", "/reference/swagger-ui-bundle.js", "/reference/swagger-ui-standalone-preset.js", "/reference/index.js" })
        {
            using var response = await _rest.Raw(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {response.StatusCode}");
        }
        using var initializer = await _rest.Raw("/reference/index.js");
        Assert.Contains("/openapi/v1.json", await initializer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var health = await _rest.Raw("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task APersonsApp_OverRest_ListsAndAcceptsAMembershipInvitation_WithThePersonsSession()
    {
        var beta = await _driver.Admin("rest-beta@beta.test", "+41795750301", "851.011", "Beta AG");
        var alpha = await _driver.Admin("rest-alpha@alpha.test", "+41795750302", "851.012", "Alpha AG");
        _rest.Bearer = await TokenFor(await _apps.Partner(alpha));
        var (createdStatus, created) = await _rest.Post("/v1/members", new { email = beta.Email, givenName = "Typed", familyName = "Name", phoneNumber = "+41795750399" });
        Assert.Equal(HttpStatusCode.OK, createdStatus);
        Assert.Equal("", created.GetProperty("member").GetProperty("personId").GetString());
        var memberId = created.GetProperty("member").GetProperty("id").GetString()!;
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText(beta.Phone, 2)); // their own number
        Assert.Equal(HttpStatusCode.OK, (await _rest.Post($"/v1/members/{memberId}:verifyPhone", new { code })).Status);

        _rest.Bearer = beta.SessionToken;
        var (listStatus, list) = await _rest.Get("/v1/account/membershipInvitations");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        var invitation = Assert.Single(list.GetProperty("membershipInvitations").EnumerateArray().ToList());
        Assert.Equal("Alpha AG", invitation.GetProperty("organizationDisplayName").GetString());
        var (acceptStatus, accepted) = await _rest.Post($"/v1/account/membershipInvitations/{memberId}:accept", new { });
        Assert.Equal(HttpStatusCode.OK, acceptStatus);
        Assert.Equal(alpha.OrganizationId, accepted.GetProperty("organizationId").GetString());
        var (again, refusal) = await _rest.Post($"/v1/account/membershipInvitations/{memberId}:decline", new { });
        Assert.Equal((HttpStatusCode.NotFound, "MEMBERSHIP_INVITATION_NOT_FOUND"), (again, RestClient.Reason(refusal)));
        Assert.Equal(MemberState.Active, (await _driver.Get(alpha, memberId)).State);
    }

    [Fact]
    public async Task AnAppWithItsOwnFrontEnd_OverRest_AddsAPasskey_AndSignsInWithIt()
    {
        var gamma = await _driver.Admin("rest-passkey@gamma.test", "+41795750401", "851.021", "Gamma AG");
        using var authenticator = new SoftwareAuthenticator();
        _rest.Bearer = gamma.SessionToken;
        var (startStatus, started) = await _rest.Post("/v1/account/passkeys:start", new { password = Registrar.Password });
        Assert.Equal(HttpStatusCode.OK, startStatus);
        var (addedStatus, added) = await _rest.Post("/v1/account/passkeys",
            new { name = "Téléphone", credentialJson = authenticator.Create(started.GetProperty("optionsJson").GetString()!) });
        Assert.Equal(HttpStatusCode.OK, addedStatus);
        Assert.Equal("Téléphone", added.GetProperty("passkey").GetProperty("name").GetString());

        _rest.Bearer = null;
        var (_, signIn) = await _rest.Post("/v1/passkeySignIns", new { });
        var token = signIn.GetProperty("signInToken").GetString()!;
        var answer = authenticator.Get(signIn.GetProperty("optionsJson").GetString()!);
        var (finishedStatus, finished) = await _rest.Post("/v1/passkeySignIns:finish", new { signInToken = token, credentialJson = answer });
        Assert.Equal(HttpStatusCode.OK, finishedStatus);
        Assert.Equal(gamma.OrganizationId, finished.GetProperty("session").GetProperty("organizationId").GetString());
        var (again, refusal) = await _rest.Post("/v1/passkeySignIns:finish", new { signInToken = token, credentialJson = answer });
        Assert.Equal((HttpStatusCode.NotFound, "SIGN_IN_NOT_FOUND"), (again, RestClient.Reason(refusal)));
    }
}
