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

    public static void Send(NpgsqlConnection connection, string origin, StoreChanges changes)
    {
        var payload = changes.All.Count > MaxIds
            ? origin + " *"
            : string.Join(' ', [origin, .. changes.All.Select(change => $"{change.Kind}:{change.Id}")]);
        using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
        notify.Parameters.Add(new NpgsqlParameter { Value = Channel });
        notify.Parameters.Add(new NpgsqlParameter { Value = payload });
        notify.ExecuteNonQuery();
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
