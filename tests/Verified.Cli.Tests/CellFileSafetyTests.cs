using Microsoft.CodeAnalysis;
using Verified.Generators;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// A cell file holds a cell and nothing that runs: anything else is a VRF diagnostic at its token,
/// found on the syntax before the file is compiled, and nothing in the file has run.
/// </summary>
public sealed class CellFileSafetyTests
{
    private const string Cell = """
        [RecurrentCell(Name = "mine")]
        public partial class Mine
        {
            [State("N")] public Vec h;
            [Update(nameof(h))] public Vec hNext => Tanh(h);
        """;

    private const string Usings = "using Verified;\nusing static Verified.CellMath;\n";

    /// <summary>Each declaration runs code that writes MARKER when it is loaded or its cells are listed, or is not the cell language.</summary>
    public static TheoryData<string, string> Declarations() => new()
    {
        { "VRF0020", Usings + Cell + "\n    static /*!*/Mine() { System.IO.File.WriteAllText(\"MARKER\", \"static constructor\"); }\n}\n" },
        { "VRF0020", Usings + Cell + "\n    private /*!*/static readonly int Written = Write();\n    static int Write() { System.IO.File.WriteAllText(\"MARKER\", \"initialiser\"); return 1; }\n}\n" },
        { "VRF0020", Usings + Cell + "\n    [System.Runtime.CompilerServices.ModuleInitializer] internal static void /*!*/Run() => System.IO.File.WriteAllText(\"MARKER\", \"module initialiser\");\n}\n" },
        { "VRF0019", Usings + Cell + "\n}\npublic class /*!*/Other : IRecurrentCell\n{\n    public static CellSpec Spec { get { System.IO.File.WriteAllText(\"MARKER\", \"second cell\"); return null!; } }\n}\n" },
        { "VRF0019", Usings + Cell + "\n}\n[RecurrentCell(Name = \"again\")]\npublic partial class /*!*/Again\n{\n    static Again() { System.IO.File.WriteAllText(\"MARKER\", \"second cell\"); }\n    [State(\"N\")] public Vec h;\n    [Update(nameof(h))] public Vec hNext => h;\n}\n" },
        { "VRF0019", Usings + Cell.Replace("public partial class Mine", "public partial class Mine /*!*/: System.Object") + "\n}\n" },
        { "VRF0019", Usings + Cell.Replace("public partial class", "public /*!*/unsafe partial class") + "\n}\n" },
        { "VRF0019", Usings + Cell.Replace("public partial class Mine", "public partial class Mine/*!*/(int written = 1)") + "\n}\n" },
        { "VRF0019", Usings + "/*!*/System.IO.File.WriteAllText(\"MARKER\", \"top-level statement\");\n" + Cell + "\n}\n" },
        { "VRF0019", Usings + "/*!*/" },
        { "VRF0020", Usings + Cell + "\n    public Vec g /*!*/{ get { System.IO.File.WriteAllText(\"MARKER\", \"getter\"); return h; } }\n}\n" },
        { "VRF0020", Usings + Cell + "\n    [Parameter] public Scalar a = /*!*/System.Math.Max(1, 2);\n}\n" },
        { "VRF0020", Usings + Cell + "\n    public /*!*/Mine() { }\n}\n" },
        { "VRF0020", Usings + Cell + "\n    public int /*!*/this[int i] => i;\n}\n" },
        { "VRF0020", Usings + Cell + "\n    public static Mine operator /*!*/+(Mine a, Mine b) => a;\n}\n" },
        { "VRF0020", Usings + Cell + "\n    public event System.Action /*!*/Happened;\n}\n" },
        { "VRF0020", Usings + Cell + "\n    private class /*!*/Nested { }\n}\n" },
        { "VRF0020", Usings + Cell + "\n    public double /*!*/Plain;\n}\n" },
        { "VRF0020", Usings + Cell + "\n    public extern static int /*!*/Native();\n}\n" },
        { "VRF0020", Usings + Cell + "\n    [State(\"N\")] public /*!*/unsafe Vec c;\n}\n" },
        { "VRF0021", Usings + "/*!*/[assembly: System.Reflection.AssemblyTitle(\"cell\")]\n" + Cell + "\n}\n" },
        { "VRF0021", Usings + Cell + "\n    [/*!*/System.Obsolete, State(\"N\")] public Vec c;\n}\n" },
        { "VRF0018", Usings + "/*!*/using Writer = System.IO.File;\n" + Cell + "\n}\n" },
        { "VRF0018", Usings + "/*!*/using static System.IO.File;\n" + Cell + "\n}\n" },
        { "VRF0018", "/*!*/global using System;\n" + Usings + Cell + "\n}\n" },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Check_refuses_the_file_at_the_offending_token_and_runs_nothing(string id, string declaration)
    {
        using var folder = new TemporaryFolder();
        var marker = Path.Combine(folder, "marker");
        var source = declaration.Replace("MARKER", marker.Replace("\\", "\\\\"));
        var offset = source.IndexOf("/*!*/", StringComparison.Ordinal) + "/*!*/".Length;
        var line = source[..offset].Count(character => character == '\n') + 1;
        var column = offset - (source.LastIndexOf('\n', offset - 1) + 1) + 1;
        var file = Path.Combine(folder, "cell.cs");
        File.WriteAllText(file, source);

        var (code, _, error) = CliRunner.Run("check", "--cell-file", file);

        Assert.Equal(2, code);
        Assert.Contains($"cell.cs:{line}:{column}: {id}:", error);
        Assert.False(File.Exists(marker), "the cell file ran: " + (File.Exists(marker) ? File.ReadAllText(marker) : ""));
    }

    [Theory]
    [InlineData("cells")]
    [InlineData("check")]
    [InlineData("spectrum")]
    public void No_command_runs_a_static_constructor_of_a_cell_file(string command)
    {
        using var folder = new TemporaryFolder();
        var marker = Path.Combine(folder, "marker");
        var file = Path.Combine(folder, "cell.cs");
        File.WriteAllText(file, Usings + Cell + $"\n    static Mine() {{ System.IO.File.WriteAllText(@\"{marker}\", \"ran\"); }}\n}}\n");

        var (code, _, error) = CliRunner.Run(command, "--cell-file", file);

        Assert.Equal(2, code);
        Assert.Matches(@"cell\.cs:\d+:\d+: VRF0020:", error);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void A_file_of_the_cell_language_compiles_and_checks()
    {
        using var temporary = new TemporaryFolder();
        var file = Path.Combine(temporary, "cell.cs");
        File.WriteAllText(file, """
            using System;
            using Verified;
            using static Verified.CellMath;

            namespace My.Cells;

            /// <summary>Every kind of member a cell file may hold.</summary>
            [RecurrentCell(Name = "everything")]
            public sealed partial class Everything
            {
                public const double Leak = 0.5 * (1 + 1);
                [State("N")] public Vec h;
                [Input("I")] public Vec x;
                [Parameter("N", "N")] public Mat W;
                [Parameter("N", "I", Init = Init.Uniform, Low = -0.5, High = 0.5)] public Mat V;
                [Parameter, TimeStep] public Scalar dt = Leak / 5;

                public Vec drive => W * Tanh(h) + V * x;
                [Update(nameof(h))] public Vec hNext => h + dt * (-h + drive);
            }
            """);

        var (code, output, error) = CliRunner.Run("check", "--cell-file", file);

        Assert.True(code == 0, error);
        Assert.Contains("everything", output);
    }

    [Fact]
    public void A_directory_given_as_the_cell_file_is_named_a_directory()
    {
        using var folder = new TemporaryFolder();

        var (code, _, error) = CliRunner.Run("check", "--cell-file", folder);

        Assert.Equal(2, code);
        Assert.Contains("is a directory", error);
    }

    /// <summary>The cell-file rules' descriptors; the generator's own are tested in Verified.Generators.Tests.</summary>
    [Fact]
    public void Every_cell_file_descriptor_has_a_test()
    {
        var tested = Declarations().Select(data => (string)data[0]).ToHashSet();
        var declared = typeof(DiagnosticDescriptors).GetFields()
            .Select(field => field.GetValue(null))
            .OfType<DiagnosticDescriptor>()
            .Where(descriptor => descriptor.Category == DiagnosticDescriptors.CellFileCategory)
            .Select(descriptor => descriptor.Id)
            .ToHashSet();

        Assert.Equal(declared.Order(), tested.Order());
    }
}
