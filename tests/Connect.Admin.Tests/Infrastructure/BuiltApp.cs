using System.Reflection;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>
/// Finds an app of the repository, built beside these tests. The dll is looked for, in order:
/// <list type="number">
/// <item>under <c>$CONNECT_ARTIFACTS/bin/&lt;Project&gt;/&lt;config&gt;/</c> when that variable names an artifacts root;</item>
/// <item>beside these tests when they were themselves built with <c>--artifacts-path</c> (same layout);</item>
/// <item>under the repository's <c>src/&lt;Project&gt;/bin/&lt;Config&gt;/net10.0/</c>.</item>
/// </list>
/// The app runs with its project folder as working directory, so that it finds its content (appsettings, wwwroot).
/// </summary>
public sealed record BuiltApp(string Dll, string ProjectDirectory)
{
    private const string TargetFramework = "net10.0";

    public static string RepositoryRoot { get; } = typeof(BuiltApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private static string Configuration { get; } =
        typeof(BuiltApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static BuiltApp Find(string project)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("CONNECT_ARTIFACTS") is { Length: > 0 } artifacts)
        {
            candidates.Add(Path.Combine(artifacts, "bin", project, Configuration.ToLowerInvariant(), project + ".dll"));
        }
        if (OwnArtifactsRoot() is { } ownRoot)
        {
            candidates.Add(Path.Combine(ownRoot, "bin", project, Configuration.ToLowerInvariant(), project + ".dll"));
        }
        candidates.Add(Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, TargetFramework, project + ".dll"));

        var dll = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{project} is not built; looked at: {string.Join(", ", candidates)}");
        return new BuiltApp(dll, Path.Combine(RepositoryRoot, "src", project));
    }

    // With --artifacts-path these tests run from <root>/bin/Connect.Admin.Tests/<config>/.
    private static string? OwnArtifactsRoot()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var project = own.Parent;
        return project is { Name: "Connect.Admin.Tests", Parent: { Name: "bin", Parent: { } root } } ? root.FullName : null;
    }
}
