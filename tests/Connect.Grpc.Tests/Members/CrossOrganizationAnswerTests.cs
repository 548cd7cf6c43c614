using System.Text;
using System.Text.RegularExpressions;
using Connect.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Grpc.Tests.Members;

/// <summary>
/// The cross-organisation matrix: two servers on the same clock, in one of which the address an organisation adds is
/// another organisation's administrator, in the other unknown. Every call of the whole flow, by an administrator or a
/// partner integration, must answer byte for byte the same (ids and etags aside), refusals included.
/// </summary>
public sealed partial class CrossOrganizationAnswerTests : IDisposable
{
    private const string Address = "target@beispiel.test";
    private const string OwnPhone = "+41795900101";
    private const string TypedPhone = "+41795900199";
    private const string RetypedPhone = "+41795900198";

    private readonly World _known = new(knownElsewhere: true);
    private readonly World _unknown = new(knownElsewhere: false);

    public void Dispose()
    {
        _known.Dispose();
        _unknown.Dispose();
    }

    /// <summary>One server: Beta AG, whose administrator has the address (or another one), and Alpha AG, which adds the address.</summary>
    private sealed class World(bool knownElsewhere) : IDisposable
    {
        public ConnectServerFactory Server { get; } = new(new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero)));
        public bool KnownElsewhere { get; } = knownElsewhere;
        public MemberDriver Driver { get; private set; } = default!;
        public Metadata Caller { get; private set; } = default!;
        /// <summary>Generated ids in order of appearance, so that the same id gets the same placeholder across calls.</summary>
        public Dictionary<string, string> Ids { get; } = [];

        public async Task Start(bool partner)
        {
            var channel = Server.CreateChannel();
            Driver = new MemberDriver(Server, channel);
            await Driver.Admin(KnownElsewhere ? Address : "someone-else@beispiel.test", OwnPhone, "951.001", "Beta AG");
            var alpha = await Driver.Admin("alpha-admin@alpha.test", "+41795900102", "951.002", "Alpha AG");
            var apps = new ApplicationDriver(channel);
            Caller = partner ? ApplicationDriver.As(await apps.Token(await apps.Partner(alpha))) : MemberDriver.As(alpha);
        }

        /// <summary>Where the code for a number typed goes: the known person's own phone, or the number typed.</summary>
        public string CodePhone(string typed) => KnownElsewhere ? OwnPhone : typed;

        public void Dispose() => Server.Dispose();
    }

    /// <summary>Runs the same call in both worlds and asserts the same answer, success or refusal; returns the known world's.</summary>
    private async Task<(T Known, T Unknown)> Same<T>(string step, Func<World, Task<T>> call) where T : IMessage
    {
        var known = await Answer(_known, call);
        var unknown = await Answer(_unknown, call);
        var at = Enumerable.Range(0, Math.Min(known.Text.Length, unknown.Text.Length) + 1)
            .FirstOrDefault(i => i == known.Text.Length || i == unknown.Text.Length || known.Text[i] != unknown.Text[i]);
        Assert.True(known.Text == unknown.Text, $"{step} answers differently from byte {at}:\nknown:   {Around(known.Text, at)}\n"
            + $"unknown: {Around(unknown.Text, at)}\nknown:   {known.Message}\nunknown: {unknown.Message}");
        return (known.Message!, unknown.Message!);
    }

    private static string Around(string text, int at) => text[Math.Max(0, at - 120)..Math.Min(text.Length, at + 80)];

    private static async Task<(T? Message, string Text)> Answer<T>(World world, Func<World, Task<T>> call) where T : IMessage
    {
        try
        {
            var message = await call(world);
            return (message, Normalize(world, message.ToByteArray()));
        }
        catch (RpcException exception)
        {
            var status = exception.GetRpcStatus();
            return (default, $"{exception.StatusCode} {exception.Status.Detail} " + Normalize(world, status?.ToByteArray() ?? []));
        }
    }

    /// <summary>The bytes as Latin-1 text, each generated id (32 hex digits), client id and etag (16) replaced by a placeholder of its length.</summary>
    private static string Normalize(World world, byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        text = Id().Replace(text, m => world.Ids.TryGetValue(m.Value, out var known) ? known
            : world.Ids[m.Value] = $"id{world.Ids.Count}".PadRight(32, '_'));
        text = ClientId().Replace(text, m => "app_".PadRight(m.Length, '_'));
        return Etag().Replace(text, "etag".PadRight(16, '_'));
    }

    [GeneratedRegex("(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")]
    private static partial Regex Id();

    /// <summary>A partner's generated client id, in the audit of its registration.</summary>
    [GeneratedRegex("app_[0-9a-f]+")]
    private static partial Regex ClientId();

    [GeneratedRegex("(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")]
    private static partial Regex Etag();

    private static MemberService.MemberServiceClient Members(World world) => world.Driver.Members;

    /// <summary>Waits for the next SMS to each world's destination and returns the codes.</summary>
    private static async Task<(string Known, string Unknown)> Codes(Func<Task> send, World known, World unknown, string typed)
    {
        var before = (known.Server.Sms.To(known.CodePhone(typed)).Count, unknown.Server.Sms.To(unknown.CodePhone(typed)).Count);
        await send();
        return (TestCodes.SixDigits(await known.Server.Sms.WaitForText(known.CodePhone(typed), before.Item1 + 1)),
            TestCodes.SixDigits(await unknown.Server.Sms.WaitForText(unknown.CodePhone(typed), before.Item2 + 1)));
    }

    private void Advance(TimeSpan by)
    {
        _known.Server.Time.Advance(by);
        _unknown.Server.Time.Advance(by);
    }

    private string CodeOf(World world, (string Known, string Unknown) codes) => world == _known ? codes.Known : codes.Unknown;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryCallOfTheFlow_AnswersTheSame_ForAnAddressKnownElsewhereAndAnUnknownOne(bool partner)
    {
        await _known.Start(partner);
        await _unknown.Start(partner);
        // One clock for both worlds from here on.
        // Both worlds took the same steps from the same start: one clock from here on (sessions stay fresh).
        Assert.Equal(_known.Server.Time.GetUtcNow(), _unknown.Server.Time.GetUtcNow());

        var request = MemberDriver.Request(Address, TypedPhone, "Typed", "Name", topicIds: ["contributions"], language: Language.It);
        CreateMemberResponse? created = null;
        var codes = await Codes(async () => created = (await Same("CreateMember", w => Members(w).CreateMemberAsync(request, w.Caller).ResponseAsync)).Known,
            _known, _unknown, TypedPhone);
        Assert.Equal("", created!.Member.PersonId);
        var ids = new Dictionary<World, string>();
        await Same("ListMembers 'typed'", async w =>
        {
            var member = (await Members(w).ListMembersAsync(new() { Query = "typed" }, w.Caller)).Members.Single();
            ids[w] = member.Id;
            return member;
        });
        await Same("CreateMember again", w => Members(w).CreateMemberAsync(request, w.Caller).ResponseAsync);
        await Same("CreateMember, bad number", w => Members(w).CreateMemberAsync(new CreateMemberRequest(request) { PhoneNumber = "12" }, w.Caller).ResponseAsync);

        await Same("VerifyMemberPhone, wrong code", w => Members(w).VerifyMemberPhoneAsync(new()
        {
            MemberId = ids[w], Code = CodeOf(w, codes) == "000000" ? "000001" : "000000",
        }, w.Caller).ResponseAsync);
        await Same("SendMemberPhoneCode, too soon", w => Members(w).SendMemberPhoneCodeAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        Advance(TimeSpan.FromSeconds(61));
        codes = await Codes(() => Same("SendMemberPhoneCode", w => Members(w).SendMemberPhoneCodeAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync),
            _known, _unknown, TypedPhone);
        Advance(TimeSpan.FromSeconds(61));
        codes = await Codes(() => Same("StartMemberPhoneChange, pending phone", w => Members(w).StartMemberPhoneChangeAsync(new()
        {
            MemberId = ids[w], PhoneNumber = RetypedPhone,
        }, w.Caller).ResponseAsync), _known, _unknown, RetypedPhone);
        var verified = await Same("VerifyMemberPhone", w => Members(w).VerifyMemberPhoneAsync(new() { MemberId = ids[w], Code = CodeOf(w, codes) }, w.Caller).ResponseAsync);
        Assert.Equal(MemberState.PendingActivation, verified.Known.Member.State);
        await Same("VerifyMemberPhone again", w => Members(w).VerifyMemberPhoneAsync(new() { MemberId = ids[w], Code = "123456" }, w.Caller).ResponseAsync);

        await Same("GetMember", w => Members(w).GetMemberAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        await Same("ListMembers", w => Members(w).ListMembersAsync(new() { PageSize = 200 }, w.Caller).ResponseAsync);
        foreach (var query in new[] { "typed name", "anna", "muster", "target", "zzz" })
            await Same($"ListMembers '{query}'", w => Members(w).ListMembersAsync(new() { Query = query }, w.Caller).ResponseAsync);
        foreach (var state in new[] { MemberState.PendingActivation, MemberState.Active })
            await Same($"ListMembers {state}", w => Members(w).ListMembersAsync(new() { States = { state } }, w.Caller).ResponseAsync);

        var current = verified.Known.Member;
        await Same("UpdateMember, stale etag", async w => (await Members(w).UpdateMemberAsync(new()
        {
            Member = new Member(current) { Id = ids[w], Etag = "0000000000000000", GivenName = "Mallory" },
        }, w.Caller)).Member);
        await Same("UpdateMember", async w =>
        {
            var member = (await Members(w).GetMemberAsync(new() { MemberId = ids[w] }, w.Caller)).Member;
            return (await Members(w).UpdateMemberAsync(new() { Member = new Member(member) { GivenName = "Retyped", Administrator = true } }, w.Caller)).Member;
        });
        await Same("StartMemberPhoneChange, same number", w => Members(w).StartMemberPhoneChangeAsync(new() { MemberId = ids[w], PhoneNumber = RetypedPhone }, w.Caller).ResponseAsync);
        // The person's own number typed as the new one: a known person's number must not show through either. (Two
        // seconds on: the outbox orders SMS to one number by time.)
        Advance(TimeSpan.FromSeconds(2));
        codes = await Codes(() => Same("StartMemberPhoneChange", w => Members(w).StartMemberPhoneChangeAsync(new() { MemberId = ids[w], PhoneNumber = OwnPhone }, w.Caller).ResponseAsync),
            _known, _unknown, OwnPhone);
        await Same("ConfirmMemberPhoneChange, wrong code", w => Members(w).ConfirmMemberPhoneChangeAsync(new()
        {
            MemberId = ids[w], Code = CodeOf(w, codes) == "000000" ? "000001" : "000000",
        }, w.Caller).ResponseAsync);
        await Same("ConfirmMemberPhoneChange", w => Members(w).ConfirmMemberPhoneChangeAsync(new() { MemberId = ids[w], Code = CodeOf(w, codes) }, w.Caller).ResponseAsync);

        await Same("ResendActivation, too soon", w => Members(w).ResendActivationAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        Advance(TimeSpan.FromSeconds(61));
        await Same("ResendActivation", w => Members(w).ResendActivationAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        await Same("DeactivateMember", w => Members(w).DeactivateMemberAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        await Same("GetMember", w => Members(w).GetMemberAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        await Same("ListOrganizationAuditEvents of the member", w => Members(w).ListOrganizationAuditEventsAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        await Same("ListOrganizationAuditEvents", w => Members(w).ListOrganizationAuditEventsAsync(new() { PageSize = 200 }, w.Caller).ResponseAsync);

        await Same("CancelMember", w => Members(w).CancelMemberAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        await Same("GetMember, cancelled", w => Members(w).GetMemberAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        await Same("CancelMember again", w => Members(w).CancelMemberAsync(new() { MemberId = ids[w] }, w.Caller).ResponseAsync);
        await Same("ListMembers, after", w => Members(w).ListMembersAsync(new() { PageSize = 200 }, w.Caller).ResponseAsync);
        await Same("ListOrganizationAuditEvents, after", w => Members(w).ListOrganizationAuditEventsAsync(new() { PageSize = 200 }, w.Caller).ResponseAsync);
        // The same address can be added again, alike.
        Advance(TimeSpan.FromSeconds(61));
        await Same("CreateMember after cancel", w => Members(w).CreateMemberAsync(request, w.Caller).ResponseAsync);
    }
}
