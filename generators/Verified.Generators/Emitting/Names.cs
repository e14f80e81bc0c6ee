using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Verified.Generators.Model;

namespace Verified.Generators.Emitting;

/// <summary>
/// The identifiers of generated code: a node named by the declaration keeps its name, other nodes
/// are t0, t1, ... Names that would collide with the kernels' own locals, or are keywords, get a
/// trailing underscore.
/// </summary>
internal sealed class Names
{
    private static readonly HashSet<string> Reserved = new()
    {
        "row", "col", "at", "cols", "k", "batch", "theta", "state", "input", "next", "nextBar", "stateBar",
        "thetaBar", "q", "u", "qBar", "dq", "jacobian", "n", "layout", "columns", "Gemm",
        "sum0", "sum1", "target", "source", "tape", "offset",
        // The kernel class's type parameter and the members of it and of CellKernels<T> that it calls by simple name.
        "T", "Literal", "Sign", "Forward", "Reverse", "Require", "EnsureColumns", "EnsureTangentColumns", "EnsureJacobianBuffers",
        "StateSize", "ParameterCount", "TapeLength",
    };

    private readonly string[] _labels;

    public Names(CellModel model)
    {
        var user = new HashSet<string>(model.States.Select(state => state.Name)
            .Concat(model.Parameters.Select(parameter => parameter.Name))
            .Concat(model.Input is null ? Enumerable.Empty<string>() : new[] { model.Input.Name })
            .Concat(model.Nodes.Where(node => node.Name is not null).Select(node => node.Name!)));
        var taken = new HashSet<string>();
        string Unique(string name)
        {
            while (Reserved.Contains(name) || IsKeyword(name) || taken.Contains(name) || IsDerivedFromAnother(name, user))
            {
                name += "_";
            }
            taken.Add(name);
            return name;
        }

        _labels = new string[model.Nodes.Count];
        for (var i = 0; i < model.Nodes.Count; i++)
        {
            var node = model.Nodes[i];
            _labels[i] = node.Kind == NodeKind.Constant ? string.Empty : Unique(node.Name ?? FreshTemporary(i, user));
        }
        string Leaf(NodeKind kind, int index, string name)
        {
            var node = Enumerable.Range(0, model.Nodes.Count).Where(i => model.Nodes[i].Kind == kind && model.Nodes[i].Index == index).DefaultIfEmpty(-1).First();
            return node >= 0 ? _labels[node] : Unique(name);
        }
        Parameters = model.Parameters.Select((parameter, p) => Leaf(NodeKind.Parameter, p, parameter.Name)).ToArray();
        States = model.States.Select((state, s) => Leaf(NodeKind.State, s, state.Name)).ToArray();
        Input = model.Input is null ? "input" : Leaf(NodeKind.Input, 0, model.Input.Name);
    }

    /// <summary>The locals of the states, by state index.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>The local of the input.</summary>
    public string Input { get; }

    /// <summary>The local that holds node i (a span, or a scalar).</summary>
    public string this[int node] => _labels[node];

    /// <summary>The locals of the parameters, by parameter index.</summary>
    public IReadOnlyList<string> Parameters { get; }

    private static string FreshTemporary(int index, HashSet<string> user)
    {
        var name = "t" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        while (user.Contains(name))
        {
            name += "_";
        }
        return name;
    }

    /// <summary>A member declared as @int or @nameof would make a local the generated code cannot declare or call.</summary>
    private static bool IsKeyword(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None;

    private static bool IsDerivedFromAnother(string name, HashSet<string> user) =>
        new[] { "Dot", "Bar", "DotBar", "Jac" }.Any(suffix =>
            name.EndsWith(suffix, System.StringComparison.Ordinal) && name.Length > suffix.Length && user.Contains(name.Substring(0, name.Length - suffix.Length)));
}
