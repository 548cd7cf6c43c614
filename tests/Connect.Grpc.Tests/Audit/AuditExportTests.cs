using System.Globalization;
using System.Text;
using Connect.V1;
using CsvHelper;
using Grpc.Core;

namespace Connect.Grpc.Tests.Audit;

/// <summary>The audit log exported as CSV (UTF-8 with a byte-order mark, RFC 4180), parsed back with CsvHelper; and refused when too large.</summary>
public sealed class AuditExportTests : IDisposable
{
    private static readonly string[] Columns =
        ["id", "time", "action", "actor_person_id", "actor_name", "organization_id", "target_type", "target_id", "client_address", "details"];

    private readonly List<ConnectServerFactory> _servers = [];
    private readonly List<string> _directories = [];

    public void Dispose()
    {
        foreach (var server in _servers) server.Dispose();
        foreach (var directory in _directories) Directory.Delete(directory, recursive: true);
    }

    private ConnectServerFactory Server(IDictionary<string, string?>? settings = null, string? dataDirectory = null)
    {
        var server = new ConnectServerFactory(settings: settings, dataDirectory: dataDirectory);
        _servers.Add(server);
        return server;
    }

    private static List<Dictionary<string, string>> Parse(byte[] file)
    {
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, file[..3]);
        var text = Encoding.UTF8.GetString(file, 3, file.Length - 3);
        Assert.StartsWith(string.Join(",", Columns) + "\r\n", text);
        using var reader = CsvReader.Create(file, CsvReaderOptions.Default with { HasHeader = true });
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            Assert.Equal(Columns.Length, reader.FieldCount);
            rows.Add(Columns.Select((c, i) => (c, reader.GetString(i))).ToDictionary(x => x.c, x => x.Item2));
        }
        Assert.Equal(Columns, reader.Headers);
        return rows;
    }

    [Fact]
    public async Task ExportAuditEvents_ParsedBack_HoldsTheFiltersEvents_NewestFirst_WithEveryColumn()
    {
        var history = await AuditHistory.Write(Server());
        var filter = new AuditEventFilter { OrganizationId = history.Alpha.OrganizationId };
        var searched = await history.Driver.AllEvents(filter);

        var (file, chunks) = await history.Driver.Export(filter);

        Assert.Single(chunks);
        var rows = Parse(file);
        Assert.Equal(searched.Select(e => e.Id), rows.Select(r => r["id"]));
        foreach (var (row, searchedEvent) in rows.Zip(searched))
        {
            Assert.Equal(searchedEvent.Time.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), row["time"]);
            Assert.Equal(DateTime.SpecifyKind(searchedEvent.Time.ToDateTime(), DateTimeKind.Utc),
                DateTime.Parse(row["time"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
            Assert.Equal((searchedEvent.Action, searchedEvent.ActorPersonId, searchedEvent.ActorName, searchedEvent.OrganizationId),
                (row["action"], row["actor_person_id"], row["actor_name"], row["organization_id"]));
            Assert.Equal((searchedEvent.TargetType, searchedEvent.TargetId, searchedEvent.ClientAddress), (row["target_type"], row["target_id"], row["client_address"]));
            Assert.Equal(string.Join("; ", searchedEvent.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}")), row["details"]);
        }
        var created = rows.Single(r => r["action"] == "membership.created" && r["target_id"] == history.Berta.Id);
        Assert.Equal("Anna Muster", created["actor_name"]);
        Assert.Contains("email=berta@audit.test", created["details"]);
        Assert.Contains("; ", created["details"]);

        var (empty, _) = await history.Driver.Export(new() { OrganizationId = new string('a', 32) });
        Assert.Empty(Parse(empty));
    }

    [Fact]
    public async Task ExportAuditEvents_OfMoreEventsThanAllowed_FailsWithExportTooLarge_BeforeAnythingIsSent()
    {
        var history = await AuditHistory.Write(Server(new Dictionary<string, string?> { ["Connect:Audit:MaxExportEvents"] = "5" }));
        var operatorToken = await history.Driver.Operator();

        using var call = history.Driver.Audit.ExportAuditEvents(new() { Filter = new() { OrganizationId = history.Alpha.OrganizationId } }, operatorToken);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "EXPORT_TOO_LARGE", () => call.ResponseStream.MoveNext(CancellationToken.None));

        var narrow = new AuditEventFilter { Action = "person.second_factor_reset" };
        var (file, _) = await history.Driver.Export(narrow);
        Assert.Single(Parse(file));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TIME_RANGE_INVALID", async () =>
        {
            using var inverted = history.Driver.Audit.ExportAuditEvents(new()
            {
                Filter = new() { StartTime = AuditHistory.At(history.Middle), EndTime = AuditHistory.At(history.Middle.AddSeconds(-1)) },
            }, operatorToken);
            await inverted.ResponseStream.MoveNext(CancellationToken.None);
        });
    }

    [Fact]
    public async Task ExportAuditEvents_OfThousandsOfEvents_ComesInChunksOfAbout64KiB_AndCellsThatLookLikeFormulasAreEscaped()
    {
        var directory = ConnectServerFactory.NewDataDirectory();
        _directories.Add(directory);
        const string organizationId = "0123456789abcdef0123456789abcdef";
        DateTime start;
        string operatorToken;
        using (var first = new ConnectServerFactory(dataDirectory: directory))
        {
            operatorToken = await new Support.SupportDriver(first, first.CreateChannel()).People.OperatorToken();
            // The store keeps milliseconds.
            start = Domain.Clock.UtcNow(first.Time);
            // Written as a bulk load would: without keys, which the next start writes.
            first.Store().Write(w =>
            {
                for (var i = 0; i < 3000; i++)
                {
                    w.Insert(new Domain.AuditEvent
                    {
                        Time = start.AddSeconds(i), Action = "organization.updated", OrganizationId = organizationId, TargetType = "organization",
                        TargetId = organizationId, ClientAddress = i == 0 ? "=HYPERLINK(\"http://evil.test\")" : "10.0.0.1",
                        Details = new() { ["display_name"] = $"Muster AG, Zweigniederlassung {i} → Muster AG \"{i}\"" },
                    });
                }
                return 0;
            });
        }
        var second = Server(dataDirectory: directory);
        var driver = new Support.SupportDriver(second, second.CreateChannel());
        driver.UseOperatorSession(operatorToken);

        var (file, chunks) = await driver.Export(new() { OrganizationId = organizationId });

        Assert.True(chunks.Count > 2, $"{chunks.Count} chunks");
        Assert.All(chunks.SkipLast(1), size => Assert.InRange(size, 64 * 1024, 64 * 1024 + 1024));
        var rows = Parse(file);
        Assert.Equal(3000, rows.Count);
        Assert.Equal(start.AddSeconds(2999).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), rows[0]["time"]);
        Assert.Equal("display_name=Muster AG, Zweigniederlassung 2999 → Muster AG \"2999\"", rows[0]["details"]);
        Assert.Equal("'=HYPERLINK(\"http://evil.test\")", rows[^1]["client_address"]);
        var searched = await driver.AllEvents(new() { OrganizationId = organizationId, StartTime = AuditHistory.At(start.AddSeconds(2990)) });
        Assert.Equal(10, searched.Count);
    }
}
