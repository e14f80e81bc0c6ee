using Verified.Cli.Output.Files;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>Every file record the tool writes is written by the source-generated serialiser, not by reflection.</summary>
public sealed class ToolFileTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(ToolFile).Assembly.GetTypes().Where(type => type.IsSubclassOf(typeof(ToolFile)) && !type.IsAbstract).OrderBy(type => type.Name, StringComparer.Ordinal))
        {
            data.Add(type.FullName!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_generated_context_knows_every_tool_file(string name)
    {
        var type = typeof(ToolFile).Assembly.GetType(name)!;

        Assert.NotNull(ToolJsonContext.Default.GetTypeInfo(type));
    }
}
