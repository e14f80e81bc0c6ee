using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace Verified.Packaging.Tests;

/// <summary>
/// The solution packed once, with <c>dotnet pack Verified.sln --no-build</c> in the configuration
/// these tests were built in (the project references of this test project build what is packed),
/// into a temporary folder that every test of the collection uses as a local feed. Consumers restore
/// offline: their only sources are that folder and the machine's NuGet global packages folder, and
/// they extract into a packages folder of their own, so that nothing packed here reaches the
/// machine's cache.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(10);

    public PackedFeed()
    {
        Root = _root.Path;
        Folder = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        var configuration = typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var clock = Stopwatch.StartNew();
        PackOutput = DotnetProcess.Dotnet(RepositoryRoot, PackLimit, null,
            "pack", "Verified.sln", "-c", configuration, "--no-build", "-o", Folder).Succeeded().Output;
        PackDuration = clock.Elapsed;
        Packages = Directory.GetFiles(Folder, "*.nupkg").Order(StringComparer.Ordinal).Select(path => new PackedPackage(path)).ToList();
        MachinePackagesFolder = GlobalPackagesFolder();
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(Root, "packages") };
    }

    public string Root { get; }
    public string Folder { get; }
    public string PackOutput { get; }
    public TimeSpan PackDuration { get; }
    public IReadOnlyList<PackedPackage> Packages { get; }

    /// <summary>The machine's global packages folder: every dependency of the packages is there once the solution is restored.</summary>
    public string MachinePackagesFolder { get; }

    /// <summary>The environment of every consumer: a packages folder of its own.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The version this repository builds (Directory.Build.props), as the test assembly was stamped with it.</summary>
    public static string Version { get; } =
        typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    public PackedPackage Package(string id) =>
        Packages.SingleOrDefault(package => package.Id == id)
        ?? throw new Xunit.Sdk.XunitException($"no package {id} in the feed; dotnet pack printed:{System.Environment.NewLine}{PackOutput}");

    /// <summary>A new folder under <see cref="Root"/> with a nuget.config whose only sources are the feed and the machine's packages folder.</summary>
    public string OfflineFolder(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="verified-feed" value="{Folder}" />
                <add key="machine-cache" value="{MachinePackagesFolder}" />
              </packageSources>
            </configuration>
            """);
        // Nothing above the folder (a Directory.Build.props in a parent of the temporary folder) takes part.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, file), "<Project />");
        }
        return folder;
    }

    public void Dispose() => _root.Dispose();

    private readonly TemporaryFolder _root = new();

    public static string RepositoryRoot => Repository.Root;

    private static string GlobalPackagesFolder()
    {
        const string prefix = "global-packages: ";
        var listed = DotnetProcess.Dotnet(RepositoryRoot, TimeSpan.FromMinutes(1), null, "nuget", "locals", "global-packages", "--list").Succeeded().Output;
        var line = listed.Split('\n').Select(text => text.Trim()).SingleOrDefault(text => text.StartsWith(prefix, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException("dotnet nuget locals did not name the global packages folder: " + listed);
        return line[prefix.Length..];
    }
}

[CollectionDefinition(nameof(PackedFeedCollection))]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>;
