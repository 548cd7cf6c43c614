namespace Connect.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding Connect.sln, found upwards from the test binaries.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Connect.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("Connect.sln not found above " + AppContext.BaseDirectory);
    }
}
