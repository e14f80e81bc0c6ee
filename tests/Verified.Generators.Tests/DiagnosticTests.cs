using Verified.Generators.Tests.Infrastructure;
using Xunit;

namespace Verified.Generators.Tests;

/// <summary>One test per diagnostic ID: the ID, and its location at the token marked /*!*/.</summary>
public sealed class DiagnosticTests
{
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
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(/*!*/2000000000)] public Vec h; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(\"N\", /*!*/32769)] public Mat W; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(20000)] public Vec h; [/*!*/State(20000)] public Vec c; [Update(nameof(h))] public Vec n => h; [Update(nameof(c))] public Vec m => c; }")]
    [InlineData("VRF0009", "[RecurrentCell(Name = /*!*/\"\")] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0009", "[RecurrentCell(Name = /*!*/\"a\\nb\")] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(\"N\", Init = Init.Uniform, Low = 1, High = /*!*/0)] public Vec b; [Update(nameof(h))] public Vec n => h + b; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(\"N\", Init = Init.Uniform, Low = /*!*/2)] public Vec b; [Update(nameof(h))] public Vec n => h + b; }")]
    [InlineData("VRF0013", "[RecurrentCell] public static partial class /*!*/C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0013", "[RecurrentCell] public partial class /*!*/Gemm { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0013", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => h; public Vec /*!*/Spec => h; }")]
    [InlineData("VRF0013", "namespace /*!*/Verified.Init.Mine; [RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0016", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter] public Scalar a = /*!*/double.NaN; [Update(nameof(h))] public Vec n => a * h; }")]
    [InlineData("VRF0016", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; public const double L = /*!*/0.0 / 0.0; [Update(nameof(h))] public Vec n => L * h; }")]
    [InlineData("VRF0016", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => /*!*/1e400 * h; }")]
    [InlineData("VRF0016", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => (/*!*/1e300 * 1e300) * h; }")]
    [InlineData("VRF0016", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => h * /*!*/1e39; }")]
    [InlineData("VRF0016", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => Tanh(/*!*/-1e39) * h; }")]
    [InlineData("VRF0016", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(\"N\", Mean = /*!*/double.PositiveInfinity)] public Vec b; [Update(nameof(h))] public Vec n => h + b; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [TimeStep] public const double /*!*/Dt = -0.1; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [TimeStep] public const double Dt = 0.1; [Parameter, TimeStep] public Scalar /*!*/dt = 0.2; [Update(nameof(h))] public Vec n => dt * h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(\"N\"), TimeStep] public Vec /*!*/dt; [Update(nameof(h))] public Vec n => dt * h; }")]
    [InlineData("VRF0012", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter] public const double /*!*/A = 2; [Update(nameof(h))] public Vec n => A * h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(/*!*/\"4*\")] public Vec h; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(/*!*/\"N*4\", \"N\")] public Mat W; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(\"N\", /*!*/\"0*N\")] public Mat W; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(/*!*/\"32769*N\")] public Vec h; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0009", "[RecurrentCell] public partial class C { [State(/*!*/\"2*3\")] public Vec h; [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0011", "[RecurrentCell] public partial class C { [State(\"2*N\")] public Vec h; public Vec p => Block/*!*/(h, 1); [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0022", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => Block(h, 0, /*!*/2); }")]
    [InlineData("VRF0022", "[RecurrentCell] public partial class C { [State(6)] public Vec h; public Vec p => Block(h, 0, /*!*/4); [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0022", "[RecurrentCell] public partial class C { [State(\"4*N\")] public Vec h; public Vec p => Block(h, 0, /*!*/3); [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0022", "[RecurrentCell] public partial class C { [State(\"2*N\")] public Vec h; public Vec p => Block(h, 0, /*!*/0); [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0022", "[RecurrentCell] public partial class C { [State(\"2*N\")] public Vec h; public Vec p => Block(h, /*!*/2, 2); [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0022", "[RecurrentCell] public partial class C { [State(\"2*N\")] public Vec h; public Vec p => Block(h, /*!*/-1, 2); [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0022", "[RecurrentCell] public partial class C { [State(\"2*N\")] public Vec h; public Vec p => Block(h, /*!*/System.Environment.ProcessorCount, 2); [Update(nameof(h))] public Vec n => h; }")]
    [InlineData("VRF0022", "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter] public Scalar a; public Vec p => Block(/*!*/a, 0, 1); [Update(nameof(h))] public Vec n => h; }")]
    [MemberData(nameof(OversizedDeclarations))]
    public void Diagnostic_is_reported_at_the_offending_token(string id, string declaration)
    {
        var source = GeneratorHarness.CellHeader + declaration;
        var expected = source.IndexOf("/*!*/", StringComparison.Ordinal) + "/*!*/".Length;

        var (result, _) = GeneratorHarness.Run(source);

        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratedSources);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Equal(expected, diagnostic.Location.SourceSpan.Start);
    }

    /// <summary>Expressions just over the generator's bounds, reported where the bound is crossed.</summary>
    public static TheoryData<string, string> OversizedDeclarations()
    {
        const string Cell = "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Update(nameof(h))] public Vec n => ";
        // The outermost call is one level deep, each call inside it one more: the call at MaxExpressionDepth + 1 is the first too deep.
        var calls = CellGenerator.MaxExpressionDepth + 1;
        var deep = string.Concat(Enumerable.Repeat("Tanh(", calls - 1)) + "/*!*/Tanh(h" + new string(')', calls) + "; }";
        var long_ = "/*!*/" + string.Join(" + ", Enumerable.Repeat("h", CellGenerator.MaxExpressionOperations + 2)) + "; }";
        var chained = "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; public Vec p0 => h; " +
            string.Concat(Enumerable.Range(1, CellGenerator.MaxExpressionOperations).Select(i => $"public Vec p{i} => Tanh(p{i - 1}); ")) +
            $"[Update(nameof(h))] public Vec n => /*!*/Tanh(p{CellGenerator.MaxExpressionOperations}); }}";
        return new TheoryData<string, string> { { "VRF0017", Cell + deep }, { "VRF0017", Cell + long_ }, { "VRF0017", chained } };
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CellHeader +
            "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Input(\"I\")] public Vec x; [Update(nameof(h))] public Vec n => h + x; }");

        var message = Assert.Single(result.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Vec[N]", message);
        Assert.Contains("Vec[I]", message);
    }

    [Fact]
    public void Block_that_does_not_divide_names_the_size_and_the_multiple_to_declare()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CellHeader +
            "[RecurrentCell] public partial class C { [State(\"3*N\")] public Vec h; public Vec p => Block(h, 1, 2); [Update(nameof(h))] public Vec n => h; }");

        var message = Assert.Single(result.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Block(h, 1, 2)", message);
        Assert.Contains("Vec[3*N]", message);
        Assert.Contains("\"2*N\"", message);
    }

    [Fact]
    public void Malformed_size_names_the_forms_a_size_takes()
    {
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.CellHeader + "[RecurrentCell] public partial class C { [State(\"N*4\")] public Vec h; [Update(nameof(h))] public Vec n => h; }");

        var message = Assert.Single(result.Diagnostics, diagnostic => diagnostic.Id == "VRF0009").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("\"N*4\"", message);
        Assert.Contains("\"4*N\"", message);
    }

    [Theory]
    [InlineData("\"4*N\"", 4, "global::Verified.CellSize.Multiple(4, \"N\")")]
    [InlineData("\" 4 * N \"", 4, "global::Verified.CellSize.Multiple(4, \"N\")")]
    [InlineData("\"1*N\"", 1, "global::Verified.CellSize.Named(\"N\")")]
    public void Multiplied_sizes_are_read_and_emitted(string size, int blocks, string emitted)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.CellHeader +
            "[RecurrentCell] public partial class C { [State(\"N\")] public Vec h; [Parameter(" + size + ", \"N\")] public Mat W; [Update(nameof(h))] public Vec n => Tanh(Block(W * h, " + (blocks - 1) + ", " + blocks + ")); }");

        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Contains("new global::Verified.ParameterSpec(\"W\", global::Verified.ParameterKind.Matrix, " + emitted + ", ", Assert.Single(result.GeneratedSources).SourceText.ToString());
    }

    /// <summary>A cell whose only state is refused has the refusal at its attribute and no "declares no [State]" at the class, which would be reported first.</summary>
    [Theory]
    [InlineData("2000000000")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("3.5")]
    [InlineData("\"\"")]
    [InlineData("\"4*\"")]
    public void A_refused_only_state_is_reported_at_its_attribute_without_the_derived_missing_state(string size)
    {
        var source = GeneratorHarness.CellHeader + "[RecurrentCell] public partial class C { [State(/*!*/" + size + ")] public Vec h; [Update(nameof(h))] public Vec n => h; }";

        var (result, output) = GeneratorHarness.Run(source);

        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.Id == "VRF0015");
        var first = result.Diagnostics.Concat(output.GetDiagnostics()).Where(diagnostic => diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .MinBy(diagnostic => diagnostic.Location.SourceSpan.Start)!;
        Assert.Equal(source.IndexOf("/*!*/", StringComparison.Ordinal) + "/*!*/".Length, first.Location.SourceSpan.Start);
    }

    /// <summary>The generator's own descriptors; those of the cell-file rules are tested with the `verified` command.</summary>
    [Fact]
    public void Every_descriptor_has_a_test()
    {
        var tested = typeof(DiagnosticTests).GetMethod(nameof(Diagnostic_is_reported_at_the_offending_token))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false)
            .Cast<InlineDataAttribute>()
            .Select(data => (string)data.GetData(null!).First()[0])
            .Concat(OversizedDeclarations().Select(data => (string)data[0]))
            .ToHashSet();
        var declared = typeof(DiagnosticDescriptors).GetFields()
            .Select(field => field.GetValue(null))
            .OfType<Microsoft.CodeAnalysis.DiagnosticDescriptor>()
            .Where(descriptor => descriptor.Category == DiagnosticDescriptors.Category)
            .Select(descriptor => descriptor.Id)
            .ToHashSet();

        Assert.Equal(declared.Order(), tested.Order());
    }
}
