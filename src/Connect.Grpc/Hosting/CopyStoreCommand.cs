using Connect.Grpc.Storage;
using Npgsql;

namespace Connect.Grpc.Hosting;

/// <summary>
/// <c>copy-store --from &lt;LiteDB data directory or .db file&gt; [--to &lt;Npgsql connection string&gt;]</c>: moves a fund
/// that started on the embedded store into an empty PostgreSQL database (README, "Moving from LiteDB to PostgreSQL").
/// Without <c>--to</c> the target is read from <c>Connect__Storage__ConnectionString</c>, which keeps the password out
/// of the shell's history and the process list. Exit code 0 when every count agrees, 1 when the copy failed, 2 for a
/// wrong call. Prints the target as host, port and database only, never the connection string.
/// </summary>
internal static class CopyStoreCommand
{
    public const string Name = "copy-store";
    private const string TargetVariable = "Connect__Storage__ConnectionString";
    private const string Usage = $"usage: {Name} --from <LiteDB data directory or .db file> [--to <Npgsql connection string>] (or the target in {TargetVariable})";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? from = null, to = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--from" when i + 1 < args.Count: from = args[++i]; break;
                case "--to" when i + 1 < args.Count: to = args[++i]; break;
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                case "--from" or "--to": return Wrong(error, $"{args[i]} needs a value");
                // Only an option is echoed: a stray argument may be a connection string, password included.
                default: return Wrong(error, args[i].StartsWith('-') && !args[i].Contains('=') ? $"unknown option '{args[i]}'" : $"unexpected argument {i + 1}");
            }
        }
        if (string.IsNullOrWhiteSpace(from)) return Wrong(error, "--from is missing");
        var databaseFile = Path.GetFullPath(Directory.Exists(from) ? Path.Combine(from, "connect.db") : from);
        // Checked here: LiteDB would create a missing file and copy nothing.
        if (!File.Exists(databaseFile)) return Wrong(error, $"no LiteDB data at {databaseFile} (give the data directory or its connect.db)");
        to ??= Environment.GetEnvironmentVariable(TargetVariable);
        if (string.IsNullOrWhiteSpace(to)) return Wrong(error, $"--to is missing and {TargetVariable} is not set");

        try
        {
            var target = Describe(to);
            output.WriteLine($"Copying {databaseFile} into PostgreSQL {target}:");
            using (var source = OpenSource(databaseFile))
            {
                StoreCopy.Run(source, to, table => output.WriteLine($"  {table.Name,-20} {table.Count,10}"));
            }
            output.WriteLine($"Counts checked: every table of {target} holds as many rows as the source.");
            WriteKeyReminder(output, Path.Combine(Path.GetDirectoryName(databaseFile)!, "connect.key"));
            return 0;
        }
        catch (Exception e) when (e is StoreCopyException or NpgsqlException or IOException or LiteDB.LiteException or ArgumentException or InvalidOperationException)
        {
            error.WriteLine($"{Name} failed: {FirstLine(e.Message)}");
            return 1;
        }
    }

    /// <summary>The single server keeps the file open exclusively: a running server is named as the reason.</summary>
    private static LiteDbStore OpenSource(string databaseFile)
    {
        try
        {
            return new LiteDbStore(databaseFile);
        }
        catch (IOException e)
        {
            throw new IOException($"cannot open {databaseFile}; stop the server that uses it first ({FirstLine(e.Message)})", e);
        }
    }

    /// <summary>The keyed hashes and sealed secrets were made with the old server's key: every replica needs it, unchanged.</summary>
    private static void WriteKeyReminder(TextWriter output, string keyFile)
    {
        output.WriteLine(File.Exists(keyFile)
            ? $"Next: the source's key is in {keyFile}. Run every replica with Connect__Security__ServerKey set to that file's base64 text "
              + "(the access codes, tokens and sealed secrets were made with it), beside Connect__Storage__Provider=PostgreSql."
            : "Next: no connect.key lies beside the source. Run every replica with Connect__Security__ServerKey set to the key the single "
              + "server used (its Connect:Security:ServerKey, or the file its KeyFile named), beside Connect__Storage__Provider=PostgreSql.");
    }

    /// <summary>Host, port and database: enough to see where the data went, without the user's password.</summary>
    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static int Wrong(TextWriter error, string problem)
    {
        error.WriteLine($"{Name}: {problem}; {Usage}");
        return 2;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();
}
