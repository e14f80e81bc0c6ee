using System.IO.Compression;
using System.Xml.Linq;

namespace Verified.Packaging.Tests;

/// <summary>A .nupkg as NuGet reads it: its nuspec's metadata and the paths of its files.</summary>
public sealed class PackedPackage
{
    private readonly XElement metadata;

    public PackedPackage(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        Entries = archive.Entries.Select(entry => entry.FullName).ToHashSet();
        var nuspec = archive.Entries.Single(entry => !entry.FullName.Contains('/') && entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        metadata = Xml(nuspec).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        DotnetToolSettings = archive.Entries.SingleOrDefault(entry => entry.Name == "DotnetToolSettings.xml") is { } settings
            ? Xml(settings)
            : null;
    }

    private static XDocument Xml(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    public IReadOnlySet<string> Entries { get; }
    public XDocument? DotnetToolSettings { get; }

    public string Id => Value("id")!;
    public string Version => Value("version")!;
    public string? Description => Value("description");
    public string? Authors => Value("authors");
    public string? Readme => Value("readme");
    public string? License => Element("license") is { } license && (string?)license.Attribute("type") == "expression" ? license.Value : null;
    public string? RepositoryCommit => (string?)Element("repository")?.Attribute("commit");

    public IReadOnlyList<string> PackageTypes =>
        Element("packageTypes")?.Elements().Select(type => (string)type.Attribute("name")!).ToList() ?? [];

    /// <summary>Every dependency of every target framework group: id and version range.</summary>
    public IReadOnlyList<(string Id, string Version)> Dependencies =>
        metadata.Descendants().Where(element => element.Name.LocalName == "dependency")
            .Select(dependency => ((string)dependency.Attribute("id")!, (string)dependency.Attribute("version")!))
            .ToList();

    private XElement? Element(string name) => metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name);

    private string? Value(string name) => Element(name)?.Value;
}
