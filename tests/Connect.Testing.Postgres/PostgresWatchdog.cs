using System.Diagnostics;

namespace Connect.Testing;

/// <summary>
/// A shell loop beside the test process that stops its PostgreSQL cluster and removes the cluster's folder once the
/// process is gone, also when it was killed and its exit handlers never ran. It runs in its own session, so the
/// Ctrl-C that ends a test run does not end it too, and prints nothing, so no reader of the test's output waits on it.
/// </summary>
internal static class PostgresWatchdog
{
    private const string Script = """
        pid=$1 directory=$2; shift 2
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$pid"; do sleep 1; done
        "$@" stop -D "$directory/data" -m immediate
        rm -rf "$directory"
        """;

    public static void Start(string clusterDirectory)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = "/",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments = ["sh", "-c", Script, "connect-postgres-watchdog", Environment.ProcessId.ToString(), clusterDirectory];
        foreach (var argument in arguments.Concat(PostgresTools.AsOwner).Append(PostgresTools.Program("pg_ctl")))
        {
            start.ArgumentList.Add(argument);
        }
        using var watchdog = Process.Start(start)!; // left running: it ends on its own after this process
    }
}
