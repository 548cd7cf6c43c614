using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Connect.Grpc.Tests.Support;

/// <summary>The fund operator's side of the tests: the support and audit services with the operator's session, beside the member and sign-in drivers.</summary>
public sealed class SupportDriver(ConnectServerFactory server, GrpcChannel channel)
{
    public MemberDriver Members { get; } = new(server, channel);
    public SignInDriver People => Members.SignIn;
    public SupportService.SupportServiceClient Support { get; } = new(channel);
    public AuditService.AuditServiceClient Audit { get; } = new(channel);

    private string? _operatorToken;

    /// <summary>The operator's bearer metadata (the server's fund operator, or the session given to <see cref="UseOperatorSession"/>).</summary>
    public async Task<Metadata> Operator() => RpcAssert.Bearer(_operatorToken ?? await People.OperatorToken());

    /// <summary>Takes the session of an operator registered before a restart (a restart prints no new bootstrap code).</summary>
    public void UseOperatorSession(string token) => _operatorToken = token;

    /// <summary>The operator's person id.</summary>
    public async Task<string> OperatorId() =>
        (await People.Sessions.WhoAmIAsync(new(), await Operator())).PersonId;

    public async Task<GetPersonResponse> Person(string personId) =>
        await Support.GetPersonAsync(new() { Id = personId }, await Operator());

    public async Task<IReadOnlyList<PersonSummary>> Search(string query) =>
        (await Support.SearchPersonsAsync(new() { Query = query }, await Operator())).Persons;

    /// <summary>Every event of a filter, read page by page.</summary>
    public async Task<List<AuditEvent>> AllEvents(AuditEventFilter filter, int pageSize = 500)
    {
        var events = new List<AuditEvent>();
        var token = "";
        var operatorToken = await Operator();
        do
        {
            var page = await Audit.SearchAuditEventsAsync(new() { Filter = filter, PageSize = pageSize, PageToken = token }, operatorToken);
            events.AddRange(page.AuditEvents);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return events;
    }

    /// <summary>The export of a filter as bytes, and the chunks it came in.</summary>
    public async Task<(byte[] File, List<int> ChunkSizes)> Export(AuditEventFilter filter)
    {
        using var call = Audit.ExportAuditEvents(new() { Filter = filter }, await Operator());
        var file = new MemoryStream();
        var sizes = new List<int>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            sizes.Add(call.ResponseStream.Current.CsvChunk.Length);
            call.ResponseStream.Current.CsvChunk.WriteTo(file);
        }
        return (file.ToArray(), sizes);
    }
}
