using Connect.Grpc.Domain;
using Npgsql;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>
/// What one write changed, as a PostgreSQL notification on <see cref="Channel"/>: the writing store's origin, then each
/// change as its kind's letter (<see cref="StoreChanges.Kinds"/>, or <see cref="StoreChanges.MemberLists"/> with an
/// organisation's id), a colon and the id (<c>s:0192…</c> for a session),
/// separated by spaces; <c>*</c> alone for a write that changed more than fits (an organisation's suspension): the
/// listeners then forget everything.
/// </summary>
internal static class PostgresChangeNotice
{
    public const string Channel = "connect_changes";

    /// <summary>Ids per notice before it becomes <c>*</c>; PostgreSQL takes payloads below 8,000 bytes.</summary>
    private const int MaxIds = 200;

    /// <summary>The statement that sends one notice for the changes of every write of a transaction (inside it: delivered if it commits).</summary>
    public static NpgsqlBatchCommand Statement(string origin, IReadOnlyList<StoreChanges> writes)
    {
        var all = writes.SelectMany(changes => changes.All).ToList();
        var payload = all.Count > MaxIds
            ? origin + " *"
            : string.Join(' ', [origin, .. all.Select(change => $"{change.Kind}:{change.Id}")]);
        var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.Add(new NpgsqlParameter { Value = Channel });
        notify.Parameters.Add(new NpgsqlParameter { Value = payload });
        return notify;
    }

    /// <summary>The notice's origin and changes; null changes for <c>*</c>, or for a payload this version cannot read.</summary>
    public static (string Origin, StoreChanges? Changes) Read(string payload)
    {
        var parts = payload.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return ("", null);
        var changes = new StoreChanges();
        foreach (var part in parts.Skip(1))
        {
            if (part.Length < 3 || part[1] != ':' || !changes.Changed(part[0], part[2..])) return (parts[0], null);
        }
        return (parts[0], changes);
    }
}
