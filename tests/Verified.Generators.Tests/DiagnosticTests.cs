using Verified.Generators.Tests.Infrastructure;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>One test per diagnostic ID: the ID, and its location at the token marked /*!*/.</summary>
public sealed class DiagnosticTests
{
    private const string Header = "using Verified;\nusing static Verified.CellMath;\n";

    [Theory]
    [InlineData("VRF0001", "[RecurrentCell] public class /*!*/C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => Tanh(h); }")]
    [InlineData("VRF0002", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => h /*!*/% h; }")]
    [InlineData("VRF0002", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => /*!*/h.ToString() == \"\" ? h : h; }")]
    [InlineData("VRF0003", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => Tanh(/*!*/missing); }")]
    [InlineData("VRF0004", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => /*!*/Tan(h); }")]
    [InlineData("VRF0005", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Input(\"I\")] public Vec x; [Update(nameof(h))] public Vec n => h /*!*/+ x; }")]
    [InlineData("VRF0005", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(\"N\", \"I\")] public Mat V; [Update(nameof(h))] public Vec n => V /*!*/* h; }")]
    [InlineData("VRF0006", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [State(\"N\")] public Vec /*!*/c; [Update(nameof(h))] public Vec n => Tanh(h); }")]
    [InlineData("VRF0007", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => Tanh(h); [Update(/*!*/nameof(h))] public Vec m => h; }")]
    [InlineData("VRF0008", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => Tanh(h); [Update(/*!*/\"b\")] public Vec m => h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(/*!*/\"\")] public Vec h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(/*!*/-3)] public Vec h; }")]
    [InlineData("VRF0010", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; public Vec a => Tanh(b); public Vec b => Sigmoid(/*!*/a); [Update(nameof(h))] public Vec n => a; }")]
    [InlineData("VRF0011", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => Tanh/*!*/(h, h); }")]
    [InlineData("VRF0012", "[RecurrentCell] public partial class C { [State(\"N\")] public /*!*/Mat h; }")]
    [InlineData("VRF0013", "public partial class Outer { [RecurrentCell] public partial class /*!*/C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => h; } }")]
    [InlineData("VRF0014", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Input(\"I\")] public Vec x; [Input(\"I\")] public Vec /*!*/y; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0015", "[RecurrentCell] public partial class /*!*/C { }")]
    public void Diagnostic_is_reported_at_the_offending_token(string id, string declaration)
    {
        var source = Header + declaration;
        var expected = source.IndexOf("/*!*/", StringComparison.Ordinal) + "/*!*/".Length;

        var (result, _) = GeneratorHarness.Run(source);

        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Equal(expected, diagnostic.Location.SourceSpan.Start);
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        var (result, _) = GeneratorHarness.Run(Header +
            "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Input(\"I\")] public Vec x; [Update(nameof(h))] public Vec n => h + x; }");

        var message = Assert.Single(result.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Vec[N]", message);
        Assert.Contains("Vec[I]", message);
    }

    [Fact]
    public void Every_descriptor_has_a_test()
    {
        var tested = typeof(DiagnosticTests).GetMethod(nameof(Diagnostic_is_reported_at_the_offending_token))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false)
            .Cast<InlineDataAttribute>()
            .Select(data => (string)data.GetData(null!).First()[0])
            .ToHashSet();
        var declared = System.Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(GeneratorHarness.RepositoryFile("generators/Verified.Generators/DiagnosticDescriptors.cs")), "\"(VRF\\d{4})\"")
            .Select(match => match.Groups[1].Value)
            .ToHashSet();

        Assert.Equal(declared.Order(), tested.Order());
    }
}
