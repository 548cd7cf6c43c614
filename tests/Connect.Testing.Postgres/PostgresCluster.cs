using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace Connect.Testing;

/// <summary>
/// A real PostgreSQL server private to this test process: <c>initdb</c> into a fresh temporary folder, started on a
/// free loopback port the first time a test asks for it, stopped and removed when the process ends (by its exit
/// handler, or by <see cref="PostgresWatchdog"/> when it was killed). Test classes each take their own database from
/// <see cref="CreateDatabaseAsync"/>: one server start per process, not one per class.
/// </summary>
public sealed partial class PostgresCluster
{
    private const string Superuser = "postgres";

    private static readonly Lazy<PostgresCluster> SharedCluster = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _directory;
    private readonly string _superuserPassword;

    private PostgresCluster(string directory, string superuserPassword)
    {
        _directory = directory;
        _superuserPassword = superuserPassword;
    }

    /// <summary>The process's cluster, started on first use (a couple of seconds, once); a failed start stays failed.</summary>
    public static PostgresCluster Shared => SharedCluster.Value;

    public int Port { get; private set; }

    /// <summary>The server's data folder, which only the cluster's owner may read.</summary>
    public string DataDirectory => Path.Combine(_directory, "data");

    public string SuperuserConnectionString => ConnectionString("postgres", Superuser, _superuserPassword);

    /// <summary>
    /// An empty database owned by a new login role that is no superuser and may connect to nothing else; answers an
    /// Npgsql connection string for that role.
    /// </summary>
    /// <param name="name">Of both the database and its role (lower case, digits, underscores); unique in the process.
    /// A fresh random one when left out.</param>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        if (!Identifier().IsMatch(name))
        {
            throw new ArgumentException("A database name here is lower case letters, digits and underscores.", nameof(name));
        }
        var password = NewPassword();
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        // One statement each: CREATE DATABASE refuses to run inside the transaction a batch would make. The password
        // is hex, so it cannot leave its quotes; utility statements take no parameters.
        string[] statements =
        [
            $"create role {name} login password '{password}'",
            $"create database {name} owner {name}",
            $"revoke all on database {name} from public", // PUBLIC may connect to every new database otherwise
        ];
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name, name, password);
    }

    private string ConnectionString(string database, string username, string password) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = username,
        Password = password,
    }.ConnectionString;

    private static PostgresCluster Start()
    {
        // Made by the cluster's owner, so it owns the folder; mktemp makes it 0700.
        var directory = PostgresTools.RunAsOwner("/", "mktemp", "-d", "-p", Path.GetTempPath(), "connect-postgres-XXXXXXXX").Trim();
        PostgresWatchdog.Start(directory);
        var cluster = new PostgresCluster(directory, NewPassword());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        try
        {
            cluster.InitDb();
            cluster.StartServer();
            return cluster;
        }
        catch
        {
            cluster.Stop();
            throw;
        }
    }

    private void InitDb()
    {
        var passwordFile = Path.Combine(_directory, "superuser-password"); // inside the owner's 0700 folder
        File.WriteAllText(passwordFile, _superuserPassword);
        try
        {
            // --no-sync: only skips flushing the initial files once; the server itself runs with fsync on.
            PostgresTools.RunAsOwner(_directory, PostgresTools.Program("initdb"), "--pgdata", DataDirectory,
                "--username", Superuser, "--pwfile", passwordFile, "--auth", "scram-sha-256", "--encoding", "UTF8",
                "--locale", "C", "--no-sync", "--no-instructions");
        }
        finally
        {
            File.Delete(passwordFile);
        }
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # Connect's tests: loopback only, the socket in the cluster's own folder, durable commits (the tests prove
            # durability), little memory (one such server per test process, several processes side by side).
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{_directory}'
            fsync = on
            synchronous_commit = on
            shared_buffers = 32MB
            max_connections = 200

            """);
    }

    private void StartServer()
    {
        var log = Path.Combine(_directory, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            // The port was free a moment ago; another process may take it first, so a failed start tries another.
            Port = FreePort.Next();
            try
            {
                PostgresTools.RunAsOwner(_directory, PostgresTools.Program("pg_ctl"), "start", "--pgdata", DataDirectory,
                    "--log", log, "--wait", "--timeout", "60", "-o", $"-p {Port}");
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && ReadLog(log).Contains("Address already in use", StringComparison.Ordinal))
            {
            }
            catch (InvalidOperationException failure)
            {
                throw new InvalidOperationException($"{failure.Message}{Environment.NewLine}Server log:{Environment.NewLine}{ReadLog(log)}", failure);
            }
        }
    }

    private static string ReadLog(string log) => File.Exists(log) ? File.ReadAllText(log) : "(no server log)";

    /// <summary>Best effort: whatever is left, the watchdog stops and removes once this process is gone.</summary>
    private void Stop()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                PostgresTools.RunAsOwner(_directory, PostgresTools.Program("pg_ctl"), "stop", "--pgdata", DataDirectory, "-m", "immediate");
            }
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception failure) when (failure is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
