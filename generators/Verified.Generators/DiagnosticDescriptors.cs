using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Verified.Generators;

/// <summary>Every diagnostic of the cell generator, one table.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Verified.Cells";

    public static readonly DiagnosticDescriptor NotPartial = Error("VRF0001", "Cell class must be partial",
        "The recurrent cell '{0}' must be declared partial so that the generator can add its kernels");
    public static readonly DiagnosticDescriptor UnsupportedExpression = Error("VRF0002", "Unsupported expression",
        "'{0}' is not supported in a cell expression: {1}");
    public static readonly DiagnosticDescriptor UnknownIdentifier = Error("VRF0003", "Unknown identifier",
        "'{0}' is not a state, input, parameter, constant or expression-bodied property of the cell");
    public static readonly DiagnosticDescriptor UnknownFunction = Error("VRF0004", "Unknown function",
        "'{0}' is not a cell function; use one of {1}");
    public static readonly DiagnosticDescriptor ShapeMismatch = Error("VRF0005", "Shape mismatch",
        "Shape mismatch in {0}: {1} against {2}");
    public static readonly DiagnosticDescriptor StateWithoutUpdate = Error("VRF0006", "State without update",
        "State '{0}' has no [Update] property");
    public static readonly DiagnosticDescriptor StateUpdatedTwice = Error("VRF0007", "State updated twice",
        "State '{0}' already has an update in '{1}'");
    public static readonly DiagnosticDescriptor UpdateOfNonState = Error("VRF0008", "Update of something that is not a state",
        "[Update] names '{0}', which is not a state of the cell");
    public static readonly DiagnosticDescriptor BadAttributeArgument = Error("VRF0009", "Bad attribute argument",
        "Bad argument to [{0}]: {1}");
    public static readonly DiagnosticDescriptor IntermediateCycle = Error("VRF0010", "Cycle among intermediates",
        "'{0}' refers to itself through {1}");
    public static readonly DiagnosticDescriptor WrongArgumentCount = Error("VRF0011", "Wrong number of arguments",
        "'{0}' takes {1} argument(s), not {2}");
    public static readonly DiagnosticDescriptor MemberTypeMismatch = Error("VRF0012", "Member type does not fit its attribute",
        "'{0}' is declared as {1} but [{2}] needs {3}");
    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Error("VRF0013", "Unsupported cell declaration",
        "The recurrent cell '{0}' cannot be generated: {1}");
    public static readonly DiagnosticDescriptor SecondInput = Error("VRF0014", "More than one input",
        "'{0}' is a second [Input]; a cell has at most one input vector");
    public static readonly DiagnosticDescriptor NoState = Error("VRF0015", "Cell without state",
        "The recurrent cell '{0}' declares no [State]");

    private static readonly Dictionary<string, DiagnosticDescriptor> Table = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToDictionary(descriptor => descriptor.Id);

    public static DiagnosticDescriptor ById(string id) => Table[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
