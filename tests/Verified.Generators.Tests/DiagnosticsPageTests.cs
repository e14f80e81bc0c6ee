using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Verified.Generators.Tests.Infrastructure;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>
/// docs/diagnostics.md has a section for every VRF code with a wrong and a right declaration, and for
/// the generator's codes the generator agrees: the wrong one has that error, the right one none.
/// </summary>
public sealed class DiagnosticsPageTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToList();

    /// <summary>Each section's text, by its code.</summary>
    private static Dictionary<string, string> Sections()
    {
        var page = File.ReadAllText(GeneratorHarness.RepositoryFile("docs/diagnostics.md"));
        return Regex.Split(page, @"^## ", RegexOptions.Multiline).Skip(1)
            .ToDictionary(section => section[..section.IndexOf('\n')].Trim(), section => section);
    }

    /// <summary>The section's wrong and right code blocks, and whether they are C# (checked) or schematic.</summary>
    private static (string Wrong, string Right, bool IsCSharp) Examples(string section)
    {
        var blocks = Regex.Matches(section, @"```(csharp|text)\n(.*?)```", RegexOptions.Singleline);
        Assert.True(blocks.Count == 2, $"{blocks.Count} code blocks, not a wrong and a right one");
        return (blocks[0].Groups[2].Value, blocks[1].Groups[2].Value, blocks[0].Groups[1].Value == "csharp" && blocks[1].Groups[1].Value == "csharp");
    }

    public static TheoryData<string> Codes() => [.. Descriptors.Select(descriptor => descriptor.Id)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_its_section_with_a_wrong_and_a_right_declaration(string id)
    {
        Assert.True(Sections().TryGetValue(id, out var section), $"docs/diagnostics.md has no section '## {id}'");
        var descriptor = Descriptors.Single(candidate => candidate.Id == id);

        Assert.Contains("**" + descriptor.Title + ".**", section);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), $"{id} has no description");
        var (_, _, isCSharp) = Examples(section);
        Assert.True(isCSharp || descriptor.Category == DiagnosticDescriptors.CellFileCategory || id == DiagnosticDescriptors.ExpressionTooLarge.Id,
            $"{id}'s examples are schematic, though the generator reports it");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void The_generator_reports_the_wrong_declaration_and_accepts_the_right_one(string id)
    {
        var (wrong, right, isCSharp) = Examples(Sections()[id]);
        if (!isCSharp)
        {
            return;
        }

        var (wrongResult, wrongOutput) = GeneratorHarness.Run(GeneratorHarness.CellHeader + wrong);
        var (rightResult, rightOutput) = GeneratorHarness.Run(GeneratorHarness.CellHeader + right);

        Assert.Contains(id, wrongResult.Diagnostics.Concat(wrongOutput.GetDiagnostics()).Select(diagnostic => diagnostic.Id));
        Assert.Null(rightResult.Exception);
        Assert.DoesNotContain(rightResult.Diagnostics.Concat(rightOutput.GetDiagnostics()), diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        Assert.Single(rightResult.GeneratedSources);
    }
}
