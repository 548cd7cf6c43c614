using System.Diagnostics;
using System.Text;

namespace Connect.Testing;

/// <summary>
/// Debian's PostgreSQL programs (<c>/usr/lib/postgresql/&lt;major&gt;/bin</c>, not on PATH), run as the user who owns
/// the test cluster: the unprivileged <c>postgres</c> user when the tests run as root, since <c>initdb</c> and the
/// server refuse root.
/// </summary>
internal static class PostgresTools
{
    private const string Installations = "/usr/lib/postgresql";

    /// <summary>The bin folder of the highest major version installed.</summary>
    public static string BinDirectory { get; } = FindBinDirectory();

    /// <summary>What runs a command as the cluster's owner: empty when that is this process's own user.</summary>
    public static IReadOnlyList<string> AsOwner { get; } = Environment.IsPrivilegedProcess
        ? ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"]
        : [];

    public static string Program(string name) => Path.Combine(BinDirectory, name);

    /// <summary>Runs a command as the cluster's owner; a failure throws with the command and everything it printed.</summary>
    public static string RunAsOwner(string workingDirectory, string program, params string[] arguments)
    {
        var command = AsOwner.Append(program).Concat(arguments).ToList();
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory, // one the owner may enter: PostgreSQL's programs look at theirs
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (output)
        {
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{string.Join(' ', command)} exited with {process.ExitCode}:{Environment.NewLine}{output}");
            }
            return output.ToString();
        }
    }

    private static string FindBinDirectory()
    {
        var found = Directory.Exists(Installations)
            ? Directory.GetDirectories(Installations)
                .Select(directory => (Directory: directory, Major: int.TryParse(Path.GetFileName(directory), out var major) ? major : -1))
                .Where(installation => installation.Major > 0 && File.Exists(Path.Combine(installation.Directory, "bin", "initdb")))
                .OrderByDescending(installation => installation.Major)
                .Select(installation => Path.Combine(installation.Directory, "bin"))
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"No PostgreSQL under {Installations}: run the README's test command, which installs Debian's postgresql package.");
    }
}
