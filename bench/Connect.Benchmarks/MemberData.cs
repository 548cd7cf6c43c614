using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connect.Grpc.Domain;
using Connect.V1;
using AuditEvent = Connect.Grpc.Domain.AuditEvent;
using Organization = Connect.Grpc.Domain.Organization;

namespace Connect.Benchmarks;

/// <summary>What the member data set holds, and what the list must answer over it; saved beside the cached data.</summary>
public sealed record MemberDataInfo
{
    public string FundOrganizationId { get; init; } = "";
    public int Persons { get; init; }
    /// <summary>The seeded members of the fund's organisation, the operator not counted.</summary>
    public int FundMembers { get; init; }
    /// <summary>What the default list (every state but deactivated) holds, the operator included.</summary>
    public int ListedMembers { get; init; }
    public int DeactivatedMembers { get; init; }
    public int OtherOrganizations { get; init; }
    public int OtherMemberships { get; init; }
    public int AuditEvents { get; init; }
    public string RareQuery { get; init; } = "";
    public int RareMatches { get; init; }
    public string CommonQuery { get; init; } = "";
    public int CommonMatches { get; init; }
    /// <summary>An active member in the middle of the list, for <c>GetMember</c>.</summary>
    public string SampleMemberId { get; init; } = "";
    public double SeedSeconds { get; init; }
    /// <summary>The restart that ran the store's key backfill (<c>Storage/KeyBackfill</c>) over every seeded entity.</summary>
    public double BackfillStartSeconds { get; init; }
    public string BackfillRestartPrinted { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}

/// <summary>How many of each the data set holds; every 40th person is a member of the fund's organisation.</summary>
public sealed record MemberDataSize(string Name, int Persons, int FundMembers, int Deactivated, int OtherOrganizations, int AuditEvents)
{
    public static readonly MemberDataSize Full = new("full", 200_000, 5_000, 300, 10_000, 20_000);

    public static readonly MemberDataSize Small = new("small", 4_000, 100, 6, 200, 400);

    /// <summary>Issue 16's scale row: 1,000 persons against <see cref="Million"/>, the same organisation of 100 members.</summary>
    public static readonly MemberDataSize Thousand = new("thousand", 1_000, 100, 6, 50, 400);

    /// <summary>1,000,000 persons, 100 of them members of the fund's organisation, 250,000 memberships elsewhere.</summary>
    public static readonly MemberDataSize Million = new("million", 1_000_000, 100, 6, 50_000, 400);

    public static readonly IReadOnlyList<MemberDataSize> All = [Full, Small, Thousand, Million];

    public static MemberDataSize Named(string name) =>
        All.SingleOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"No member data set is named '{name}' ({string.Join(", ", All.Select(s => s.Name))}).");
}

/// <summary>
/// 200,000 persons, 5,000 of them members of the fund's organisation (300 deactivated), 50,000 memberships in
/// 10,000 other organisations, and 20,000 audit events of the fund's organisation. Written straight into the
/// server's store in batches (which derives their keys); the key layout version is then set back, so that a restart
/// writes every key again (<c>Storage/KeyBackfill</c>, when the store opens), as after a change of layout.
/// The result is kept under <c>$TMPDIR/connect-benchmarks-data/members-&lt;version&gt;</c> and copied for each
/// benchmark process; the version changes with this file and with the server's source. The other sizes of
/// <see cref="MemberDataSize"/> are kept beside it, their name in the folder's (<c>members-v1-million-&lt;hash&gt;</c>),
/// with the keys of the current layout.
/// </summary>
public static class MemberData
{
    /// <summary>Raise when the data set below changes.</summary>
    private const string SeedVersion = "1";

    public const int MembershipsPerOtherOrganization = 5;
    private const int BatchSize = 5_000;

    /// <summary>Matches three members: a family name no one else in the organisation has.</summary>
    public const string RareQuery = "Oberholzer";
    /// <summary>Matches about a third: Daniel, Daniela and Danielle.</summary>
    public const string CommonQuery = "daniel";

    private const string InfoFile = "member-data.json";
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "connect-benchmarks-data");
    private static readonly string[] Topics = ["contributions", "family-allowances", "loss-of-earnings", "salary-declarations"];
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>A fresh copy of the cached data set (built first when missing), for one server to start on.</summary>
    public static async Task<(string DataDirectory, MemberDataInfo Info)> CopyAsync() => await CopyAsync(MemberDataSize.Full);

    /// <summary>A fresh copy of the cached data set of <paramref name="size"/> (built first when missing).</summary>
    public static async Task<(string DataDirectory, MemberDataInfo Info)> CopyAsync(MemberDataSize size)
    {
        var cache = await EnsureCacheAsync(size);
        var copy = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        CopyDirectory(cache, copy);
        var info = JsonSerializer.Deserialize<MemberDataInfo>(File.ReadAllText(Path.Combine(cache, InfoFile)))!;
        return (copy, info);
    }

    private static string CacheKey(MemberDataSize size)
    {
        // Another server may key or store differently, so its data is seeded anew: the key follows the server's
        // source and this file, or, where the sources are not at hand, the server's build.
        var source = SourceHash() ?? typeof(IStore).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        return $"members-v{SeedVersion}-{(size == MemberDataSize.Full ? "" : size.Name + "-")}{source[..12]}";
    }

    /// <summary>The size a cached (or half-built) data set's folder holds, from its name.</summary>
    private static string SizeOf(string folder) =>
        MemberDataSize.All.FirstOrDefault(s => s != MemberDataSize.Full && Path.GetFileName(folder).Contains($"-{s.Name}-", StringComparison.Ordinal))?.Name
        ?? MemberDataSize.Full.Name;

    /// <summary>SHA-256 over <c>src/Connect.Grpc/**/*.cs</c> and this file, when the repository is where this was compiled.</summary>
    private static string? SourceHash([CallerFilePath] string thisFile = "")
    {
        var server = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? "", "..", "..", "src", "Connect.Grpc"));
        if (!File.Exists(thisFile) || !Directory.Exists(server)) return null;
        var skip = new[] { $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}" };
        var files = Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories)
            .Where(f => !skip.Any(s => f.Contains(s, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Append(thisFile);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(server, file)));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<string> EnsureCacheAsync(MemberDataSize size)
    {
        var key = CacheKey(size);
        var cache = Path.Combine(Root, key);
        if (File.Exists(Path.Combine(cache, InfoFile))) return cache;

        Directory.CreateDirectory(Root);
        foreach (var stale in Directory.GetDirectories(Root, "members-v*"))
        {
            // Older data sets; a half-built one of a concurrent run is left alone for an hour.
            if (stale != cache && SizeOf(stale) == size.Name && Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-1))
                try { Directory.Delete(stale, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        var building = Path.Combine(Root, $"{key}.building-{Guid.NewGuid():N}");
        Console.WriteLine($"// MemberData: seeding {building}");
        var info = await BuildAsync(building, size);
        File.WriteAllText(Path.Combine(building, InfoFile), JsonSerializer.Serialize(info, Json));
        try
        {
            Directory.Move(building, cache);
        }
        catch (IOException) when (File.Exists(Path.Combine(cache, InfoFile)))
        {
            Directory.Delete(building, recursive: true); // another run finished first
        }
        return cache;
    }

    private static async Task<MemberDataInfo> BuildAsync(string directory, MemberDataSize size)
    {
        string fundId;
        Person operatorPerson;
        var seeding = Stopwatch.StartNew();
        Seeded seeded;
        string seededDirectory;
        // A fresh server registers its operator in a directory of its own; the data is seeded there, then moved.
        await using (var server = await BenchmarkServer.StartAsync(existingDataDirectory: null, keepData: true))
        {
            seededDirectory = server.DataDirectory;
            var me = await new SessionService.SessionServiceClient(server.Channel).WhoAmIAsync(new(), server.Bearer);
            if (!me.Operator) throw new InvalidOperationException("The registered operator is not an administrator of the fund's organisation.");
            fundId = me.OrganizationId;
            operatorPerson = server.Store.Read(r => r.Get<Person>(me.PersonId))!;
            seeded = Seed(server.Store, fundId, operatorPerson.Id, size);
            // An older key layout: the restart rewrites every key (the full set only, whose benchmarks time that).
            if (size == MemberDataSize.Full)
            {
                server.Store.Write(w =>
                {
                    var version = w.Get<SystemSetting>("member-keys-version")!;
                    version.Value = "0";
                    w.Update(version);
                    return 0;
                });
            }
        }
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        Console.WriteLine($"// MemberData: registered and seeded in {seedSeconds:F1} s");
        Directory.Move(seededDirectory, directory);

        double backfillSeconds;
        string printed;
        await using (var restarted = await BenchmarkServer.StartAsync(directory, keepData: true, signIn: false))
        {
            backfillSeconds = restarted.StartupTime.TotalSeconds;
            printed = restarted.BootstrapText.Trim();
            var left = restarted.Store.Read(r => (
                Memberships: All<Membership>(r).Count(m => m.ListKey == null),
                Events: All<AuditEvent>(r).Count(e => e.TargetKey == null)));
            if (left.Memberships != 0 || left.Events != 0)
                throw new InvalidOperationException($"The restart left {left.Memberships} memberships and {left.Events} audit events without keys.");
            Console.WriteLine($"// MemberData: restart{(size == MemberDataSize.Full ? " with backfill" : "")} took {backfillSeconds:F1} s");
        }
        foreach (var folder in new[] { "sms-outbox", "mail-pickup" })
            if (Directory.Exists(Path.Combine(directory, folder))) Directory.Delete(Path.Combine(directory, folder), recursive: true);

        var operatorText = Fold($"{operatorPerson.GivenName} {operatorPerson.FamilyName} {operatorPerson.Email}");
        bool Listed(SeededMember m) => m.State != MembershipState.Deactivated;
        int Matches(string query) =>
            seeded.Fund.Count(m => Listed(m) && Words(query).All(m.SearchText.Contains)) + (Words(query).All(operatorText.Contains) ? 1 : 0);
        return new MemberDataInfo
        {
            FundOrganizationId = fundId,
            Persons = size.Persons,
            FundMembers = size.FundMembers,
            ListedMembers = seeded.Fund.Count(Listed) + 1,
            DeactivatedMembers = seeded.Fund.Count(m => m.State == MembershipState.Deactivated),
            OtherOrganizations = size.OtherOrganizations,
            OtherMemberships = size.OtherOrganizations * MembershipsPerOtherOrganization,
            AuditEvents = size.AuditEvents,
            RareQuery = RareQuery,
            RareMatches = Matches(RareQuery),
            CommonQuery = CommonQuery,
            CommonMatches = Matches(CommonQuery),
            SampleMemberId = seeded.SampleMemberId,
            SeedSeconds = seedSeconds,
            BackfillStartSeconds = backfillSeconds,
            BackfillRestartPrinted = printed,
            CreatedAt = DateTime.UtcNow,
        };
    }

    /// <summary>
    /// The same data set at a fiftieth of its size (4,000 persons, 100 members of the operator's organisation, 6 of
    /// them deactivated), written straight into a running server's store with keys of the current layout: enough
    /// for a full page of <c>ListMembers</c> on either engine, in a second or two. Answers an active member's id.
    /// </summary>
    public static string SeedSmall(IStore store, string fundId, string operatorPersonId) =>
        Seed(store, fundId, operatorPersonId, MemberDataSize.Small).SampleMemberId;

    private sealed record SeededMember(string Id, MembershipState State, string SearchText);

    private sealed record Seeded(List<SeededMember> Fund, string SampleMemberId);

    private static Seeded Seed(IStore store, string fundId, string operatorPersonId, MemberDataSize size)
    {
        var random = new Random(20261127);
        var now = DateTime.UtcNow;
        DateTime Before(int days) => now.AddMinutes(-random.Next(60, days * 24 * 60));

        // Who is what: every 40th person is a member of the fund's organisation.
        var fundPersons = Enumerable.Range(0, size.Persons).Where(i => i % (size.Persons / size.FundMembers) == 0).Take(size.FundMembers).ToArray();
        var isFund = new bool[size.Persons];
        foreach (var i in fundPersons) isFund[i] = true;
        var states = new MembershipState[size.FundMembers];
        var order = Enumerable.Range(0, size.FundMembers).OrderBy(_ => random.Next()).ToArray();
        for (var k = 0; k < size.FundMembers; k++)
        {
            var rank = order[k];
            states[k] = rank < size.Deactivated ? MembershipState.Deactivated
                : rank < size.Deactivated + size.FundMembers / 50 ? MembershipState.PendingPhone
                : rank < size.Deactivated + 3 * size.FundMembers / 50 ? MembershipState.PendingActivation
                : MembershipState.Active;
        }
        var fundState = new Dictionary<int, MembershipState>();
        for (var k = 0; k < size.FundMembers; k++) fundState[fundPersons[k]] = states[k];
        // Three members share a family name no one else in the organisation has.
        int At(int ofFiveThousand) => fundPersons[ofFiveThousand * size.FundMembers / 5_000];
        var rare = new HashSet<int> { At(1234), At(2345), At(3456) };

        // Memberships elsewhere: 5 per organisation among the persons who are not the fund's members.
        var others = Enumerable.Range(0, size.Persons).Where(i => !isFund[i]).ToArray();
        var otherMembers = new int[size.OtherOrganizations][];
        var memberElsewhere = new bool[size.Persons];
        for (var o = 0; o < size.OtherOrganizations; o++)
        {
            var chosen = new HashSet<int>();
            while (chosen.Count < MembershipsPerOtherOrganization) chosen.Add(others[random.Next(others.Length)]);
            otherMembers[o] = chosen.ToArray();
            foreach (var p in chosen) memberElsewhere[p] = true;
        }

        // Persons.
        var persons = new Person[size.Persons];
        for (var i = 0; i < size.Persons; i++)
        {
            var fund = isFund[i];
            var given = fund
                ? random.Next(3) == 0 ? Daniels[random.Next(Daniels.Length)] : GivenNames[random.Next(GivenNames.Length)]
                : random.Next(50) == 0 ? Daniels[random.Next(Daniels.Length)] : GivenNames[random.Next(GivenNames.Length)];
            var family = rare.Contains(i) ? "Oberholzer"
                : !fund && random.Next(200) == 0 ? "Oberholzer"
                : FamilyNames[random.Next(FamilyNames.Length)];
            var created = Before(5 * 365);
            var phone = $"+417{6 + i % 4}{(long)i * 7919 % 10_000_000:D7}";
            var state = fund ? fundState[i] : (MembershipState?)null;
            var hasPassword = state is MembershipState.Active or MembershipState.Deactivated || (!fund && memberElsewhere[i]);
            var person = new Person
            {
                Id = Guid.CreateVersion7(created).ToString("N"),
                Email = $"{Letters(given)}.{Letters(family)}.{i}@{Domains[random.Next(Domains.Length)]}",
                GivenName = given,
                FamilyName = family,
                PasswordHash = hasPassword ? FakeArgon2idHash(random) : "",
                PhoneNumber = state == MembershipState.PendingPhone ? "" : phone,
                Language = random.Next(20) switch { < 10 => "fr", < 17 => "de", < 19 => "it", _ => "en" },
                CreatedAt = created,
                UpdatedAt = created.AddDays(random.Next(0, 30)) is var updated && updated < now ? updated : now,
                PasswordChangedAt = hasPassword ? created : null,
                CredentialVersion = hasPassword ? 1 : 0,
            };
            if (state == MembershipState.PendingActivation)
            {
                person.ActivationCodeHash = Convert.ToHexStringLower(RandomBytes(random, 32));
                person.ActivationSentAt = person.UpdatedAt;
                person.ActivationExpiresAt = person.UpdatedAt.AddDays(7);
            }
            persons[i] = person;
        }
        foreach (var batch in persons.Chunk(BatchSize))
            store.Write(w => { foreach (var p in batch) w.Insert(p); return 0; });

        // Other organisations and their memberships.
        var organizations = Enumerable.Range(0, size.OtherOrganizations).Select(o =>
        {
            var created = Before(6 * 365);
            return new Organization
            {
                Id = Guid.CreateVersion7(created).ToString("N"),
                DisplayName = $"{FamilyNames[random.Next(FamilyNames.Length)]} {(random.Next(3) == 0 ? "Sàrl" : "AG")} {o}",
                AffiliateNumber = $"BENCH-{o:D6}",
                TopicIds = Topics.Where(_ => random.Next(3) > 0).ToList(),
                Language = random.Next(2) == 0 ? "fr" : "de",
                CreatedAt = created,
                UpdatedAt = created,
                Version = 1,
            };
        }).ToArray();
        foreach (var batch in organizations.Chunk(BatchSize))
            store.Write(w => { foreach (var o in batch) w.Insert(o); return 0; });

        var memberships = new List<Membership>(size.OtherOrganizations * MembershipsPerOtherOrganization);
        for (var o = 0; o < size.OtherOrganizations; o++)
        {
            for (var m = 0; m < otherMembers[o].Length; m++)
            {
                var person = persons[otherMembers[o][m]];
                memberships.Add(NewMembership(random, person, organizations[o].Id, organizations[o].TopicIds, m == 0, MembershipState.Active, now));
            }
        }

        // The fund's organisation.
        var fundMembers = new List<SeededMember>(size.FundMembers);
        var fundAdministrators = new List<string> { operatorPersonId };
        var fundMembershipIds = new List<string>(size.FundMembers);
        for (var k = 0; k < size.FundMembers; k++)
        {
            var person = persons[fundPersons[k]];
            var administrator = states[k] == MembershipState.Active && random.Next(50) == 0;
            var membership = NewMembership(random, person, fundId, Topics, administrator, states[k], now);
            memberships.Add(membership);
            fundMembershipIds.Add(membership.Id);
            if (administrator) fundAdministrators.Add(person.Id);
            fundMembers.Add(new SeededMember(membership.Id, states[k], Fold($"{person.GivenName} {person.FamilyName} {person.Email}")));
        }
        // Inserted in random order, as years of changes would leave them.
        foreach (var batch in memberships.OrderBy(_ => random.Next()).Chunk(BatchSize))
            store.Write(w => { foreach (var m in batch) w.Insert(m); return 0; });

        // The fund's audit log: what administrators did to its members over three years.
        var events = new AuditEvent[size.AuditEvents];
        for (var e = 0; e < size.AuditEvents; e++)
        {
            var time = Before(3 * 365);
            var action = Actions[random.Next(Actions.Length)];
            events[e] = new AuditEvent
            {
                Id = Guid.CreateVersion7(time).ToString("N"),
                Time = time,
                Action = action,
                ActorPersonId = fundAdministrators[random.Next(fundAdministrators.Count)],
                OrganizationId = fundId,
                TargetType = "membership",
                TargetId = fundMembershipIds[random.Next(fundMembershipIds.Count)],
                ClientAddress = $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}",
                Details = action switch
                {
                    "membership.updated" => new() { ["given_name"] = "Jean → Jean-Marc", ["topic_ids"] = "contributions → contributions,family-allowances" },
                    "membership.phone_changed" => new() { ["phone_number"] = "+41 ** *** ** 12 → +41 ** *** ** 34" },
                    "membership.created" => new()
                    {
                        ["email"] = $"someone.{e}@example.ch", ["administrator"] = "false", ["topic_ids"] = "contributions", ["phone_number"] = "+41 ** *** ** 56",
                    },
                    _ => new() { ["state"] = "Active" },
                },
            };
        }
        foreach (var batch in events.Chunk(BatchSize))
            store.Write(w => { foreach (var e in batch) w.Insert(e); return 0; });

        var listed = fundMembers.Where(m => m.State == MembershipState.Active).ToList();
        return new Seeded(fundMembers, listed[listed.Count / 2].Id);
    }

    private static Membership NewMembership(Random random, Person person, string organizationId, IReadOnlyList<string> topics, bool administrator,
        MembershipState state, DateTime now)
    {
        var created = person.CreatedAt.AddDays(random.Next(0, 60)) is var c && c < now ? c : now;
        // Brought to its state the way the flows bring it there: a membership starts waiting for its phone, or active.
        var membership = new Membership(state is MembershipState.Active or MembershipState.Deactivated ? MembershipState.Active : MembershipState.PendingPhone)
        {
            Id = Guid.CreateVersion7(created).ToString("N"),
            PersonId = person.Id,
            OrganizationId = organizationId,
            Administrator = administrator,
            TopicIds = topics.Where(_ => random.Next(2) == 0).ToList(),
            CreatedAt = created,
            UpdatedAt = state == MembershipState.Deactivated && created.AddDays(200) < now ? created.AddDays(200) : created,
            Version = 1,
            PendingPhoneNumber = state == MembershipState.PendingPhone ? $"+4179{random.Next(0, 10_000_000):D7}"
                : state == MembershipState.PendingActivation ? "+41790000000" : null,
        };
        if (state == MembershipState.PendingActivation) membership.PhoneVerified();
        if (state == MembershipState.Deactivated) membership.Deactivate();
        return membership;
    }

    /// <summary>Every stored entity of a type, a batch at a time.</summary>
    private static List<T> All<T>(IStoreReader reader) where T : Entity
    {
        var all = new List<T>();
        for (var batch = reader.Scan<T>(null, BatchSize); batch.Count > 0; batch = reader.Scan<T>(batch[^1].Id, BatchSize)) all.AddRange(batch);
        return all;
    }

    /// <summary>The form and length of a real Argon2id hash (never verified here).</summary>
    private static string FakeArgon2idHash(Random random) =>
        "$argon2id$v=19$m=19456,t=2,p=1$" + Convert.ToBase64String(RandomBytes(random, 16)).TrimEnd('=') + "$"
        + Convert.ToBase64String(RandomBytes(random, 32)).TrimEnd('=');

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The search's folding (lower case, no accents), to know what the list must answer.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c == 'ß' ? "ss" : char.ToLowerInvariant(c).ToString());
        }
        return builder.ToString();
    }

    public static string[] Words(string query) => Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The letters a-z of a folded name: the list's order is family name, then given name, in these.</summary>
    public static string Letters(string name) => new(Fold(name).Where(c => c is >= 'a' and <= 'z').ToArray());

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) CopyDirectory(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    private static readonly string[] Actions =
    [
        "membership.created", "membership.created", "membership.phone_verified", "membership.phone_verified", "membership.updated",
        "membership.updated", "membership.updated", "membership.phone_changed", "membership.deactivated", "membership.reactivated",
        "membership.activation_resent",
    ];

    private static readonly string[] Domains =
    [
        "bluewin.ch", "gmail.com", "sunrise.ch", "hispeed.ch", "outlook.com", "gmx.ch", "yahoo.fr", "protonmail.ch", "swissonline.ch",
        "vtxnet.ch", "netplus.ch", "romandie.com", "bernerzeitung.ch", "treuhand-muster.ch", "fiduciaire-leman.ch", "baugeschaeft.ch",
    ];

    private static readonly string[] Daniels = ["Daniel", "Daniela", "Danielle"];

    private static readonly string[] GivenNames =
    [
        "Aaron", "Adrian", "Agnès", "Alain", "Albert", "Alessandro", "Alexandre", "Alice", "Aline", "Amélie", "Andrea", "Andreas", "Angela",
        "Anna", "Anne", "Antoine", "Antonio", "Arnaud", "Aurélie", "Barbara", "Beat", "Benjamin", "Bernard", "Brigitte", "Bruno", "Camille",
        "Carla", "Caroline", "Cédric", "Céline", "Chantal", "Charles", "Chiara", "Christian", "Christine", "Claire", "Claude", "Claudia",
        "Corinne", "Cristina", "David", "Denis", "Didier", "Dominique", "Édouard", "Élise", "Elena", "Éloïse", "Emma", "Eric", "Esther",
        "Fabian", "Fabienne", "Federica", "Florian", "Francesca", "François", "Françoise", "Franziska", "Frédéric", "Gabriel", "Gabriele",
        "Gaëlle", "Georges", "Gérald", "Gilles", "Giorgio", "Giulia", "Guillaume", "Hans", "Hélène", "Heidi", "Hugo", "Inès", "Isabelle",
        "Jacques", "Jan", "Jean", "Jean-Marc", "Jean-Pierre", "Jérôme", "Joël", "Jonas", "Josef", "Judith", "Julia", "Julien", "Jürg",
        "Karin", "Katharina", "Kevin", "Laura", "Laurent", "Léa", "Lena", "Léon", "Lorenzo", "Luca", "Lucie", "Lukas", "Luzia", "Manon",
        "Marc", "Marcel", "Marco", "Margrit", "Maria", "Marie", "Marie-Claire", "Mario", "Markus", "Martin", "Martina", "Mathieu", "Matteo",
        "Maurice", "Max", "Michael", "Michel", "Michèle", "Monika", "Nadia", "Nathalie", "Nicolas", "Nicole", "Noah", "Noémie", "Olivier",
        "Pascal", "Patricia", "Patrick", "Paul", "Peter", "Philippe", "Pierre", "Raphaël", "Regula", "Reto", "Rita", "Robert", "Roger",
        "Roland", "Rosa", "Ruth", "Sabine", "Samuel", "Sandra", "Sara", "Sébastien", "Silvia", "Simon", "Simone", "Sophie", "Stefan",
        "Stéphane", "Susanne", "Sylvie", "Thérèse", "Thomas", "Tobias", "Ursula", "Valentina", "Valérie", "Véronique", "Vincent",
        "Yannick", "Yves", "Zoé",
    ];

    private static readonly string[] FamilyNames =
    [
        "Aebi", "Aeschlimann", "Amstutz", "Andrey", "Arnold", "Aubert", "Bachmann", "Baumann", "Baumgartner", "Beck", "Berger", "Bernasconi",
        "Berset", "Bertschi", "Besson", "Blanc", "Blaser", "Bolliger", "Bonvin", "Bornand", "Bosshard", "Bourquin", "Brand", "Braun", "Brunner",
        "Bucher", "Bühler", "Burkhalter", "Bürki", "Caduff", "Cattaneo", "Chappuis", "Chevalley", "Christen", "Clément", "Colombo", "Cretton",
        "Crettenand", "Dällenbach", "Darbellay", "Delacrétaz", "Dubois", "Ducommun", "Dufour", "Dupont", "Egger", "Eggimann", "Favre",
        "Felber", "Ferrari", "Fischer", "Fontana", "Frei", "Frey", "Friedli", "Fuchs", "Furrer", "Gasser", "Gautschi", "Gerber", "Giger",
        "Girard", "Glauser", "Graf", "Grandjean", "Gross", "Guggisberg", "Gurtner", "Gygax", "Haas", "Häfliger", "Hartmann", "Hess", "Hofer",
        "Hofmann", "Hostettler", "Huber", "Hug", "Imhof", "Jaccard", "Jaquet", "Jenni", "Jordan", "Kälin", "Kaufmann", "Keller", "Kern",
        "Kessler", "Koch", "Kohler", "Köhli", "Kunz", "Kurmann", "Lachat", "Lambert", "Lang", "Lehmann", "Lüthi", "Lombardi", "Maeder",
        "Marti", "Martin", "Mathys", "Maurer", "Meier", "Meister", "Mettler", "Meyer", "Michel", "Monnier", "Moser", "Müller", "Neuhaus",
        "Nussbaum", "Oppliger", "Pasche", "Perrin", "Perrenoud", "Pfister", "Piccand", "Portmann", "Python", "Rey", "Richard", "Rochat",
        "Roduit", "Rossi", "Roth", "Rüegg", "Ruch", "Sager", "Sauter", "Schär", "Schaller", "Schenk", "Schmid", "Schneider", "Schnyder",
        "Schwab", "Schwarz", "Siegenthaler", "Sommer", "Stadelmann", "Stalder", "Stauffer", "Steffen", "Steiner", "Studer", "Suter", "Tanner",
        "Theiler", "Thévenaz", "Tschanz", "Vogel", "Vogt", "Vuilleumier", "Wagner", "Walther", "Weber", "Wenger", "Widmer", "Wirth",
        "Wüthrich", "Wyss", "Zaugg", "Zbinden", "Ziegler", "Zimmermann", "Zingg", "Zollinger", "Zürcher", "de Montmollin", "de Weck",
        "von Arx", "von Gunten", "Dell'Oro", "D'Amico", "Le Coultre", "Rosselet-Christ", "Müller-Lüdenscheid", "Nguyen", "Da Silva",
        "Fernandes", "Kovačević", "Petrović", "Öztürk", "Yılmaz", "Šimić", "Łukasik", "Ødegaard", "Ferreira", "Gonçalves", "Pereira",
    ];
}
