using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Verified.Generators;

/// <summary>
/// The cell language's types, resolved once per compilation (as System.Text.Json's generator keeps its
/// KnownTypeSymbols) and compared as symbols, not by display string. Never part of the cached model.
/// </summary>
internal sealed class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> Cache = new();

    private KnownTypes(Compilation compilation)
    {
        Vec = compilation.GetTypeByMetadataName("Verified.Vec");
        Mat = compilation.GetTypeByMetadataName("Verified.Mat");
        Scalar = compilation.GetTypeByMetadataName("Verified.Scalar");
        RecurrentCell = compilation.GetTypeByMetadataName("Verified.RecurrentCellAttribute");
        _state = compilation.GetTypeByMetadataName("Verified.StateAttribute");
        _input = compilation.GetTypeByMetadataName("Verified.InputAttribute");
        _parameter = compilation.GetTypeByMetadataName("Verified.ParameterAttribute");
        _timeStep = compilation.GetTypeByMetadataName("Verified.TimeStepAttribute");
        _update = compilation.GetTypeByMetadataName("Verified.UpdateAttribute");
    }

    public static KnownTypes Of(Compilation compilation) => Cache.GetValue(compilation, static created => new KnownTypes(created));

    public INamedTypeSymbol? Vec { get; }

    public INamedTypeSymbol? Mat { get; }

    public INamedTypeSymbol? Scalar { get; }

    public INamedTypeSymbol? RecurrentCell { get; }

    private readonly INamedTypeSymbol? _state, _input, _parameter, _timeStep, _update;

    /// <summary>Whether <paramref name="type"/> is <paramref name="known"/> (false where the compilation lacks it).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) => known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    /// <summary>Which of the cell language's member attributes <paramref name="attribute"/> is.</summary>
    public CellAttribute Kind(AttributeData attribute) => attribute.AttributeClass switch
    {
        var type when Is(type, _state) => CellAttribute.State,
        var type when Is(type, _input) => CellAttribute.Input,
        var type when Is(type, _parameter) => CellAttribute.Parameter,
        var type when Is(type, _timeStep) => CellAttribute.TimeStep,
        var type when Is(type, _update) => CellAttribute.Update,
        _ => CellAttribute.None,
    };
}

/// <summary>The attributes that declare a cell's members.</summary>
internal enum CellAttribute { None, State, Input, Parameter, TimeStep, Update }
