using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Verified.Generators;

/// <summary>
/// Every diagnostic of the cell generator, one table. The cell-file rules (category
/// <see cref="CellFileCategory"/>) are reported by the `verified` command before it runs the
/// generator on a --cell-file; they are public for that. Errors about one declaration or constant on
/// its own (a member's type, an attribute's argument, the class's form, a constant's value) carry
/// <see cref="DeclarationTag"/>; the others concern how members relate (updates, identifiers,
/// shapes) and can follow from a refused declaration, so a list of errors names the tagged ones first.
/// </summary>
public static class DiagnosticDescriptors
{
    public const string Category = "Verified.Cells";
    public const string CellFileCategory = "Verified.CellFiles";

    /// <summary>The custom tag of the errors about one declaration on its own, the root causes when several errors follow.</summary>
    public const string DeclarationTag = "VerifiedDeclaration";

    public static readonly DiagnosticDescriptor NotPartial = DeclarationError("VRF0001", "Cell class must be partial",
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
    public static readonly DiagnosticDescriptor BadAttributeArgument = DeclarationError("VRF0009", "Bad attribute argument",
        "Bad argument to [{0}]: {1}");
    public static readonly DiagnosticDescriptor IntermediateCycle = Error("VRF0010", "Cycle among intermediates",
        "'{0}' refers to itself through {1}");
    public static readonly DiagnosticDescriptor WrongArgumentCount = Error("VRF0011", "Wrong number of arguments",
        "'{0}' takes {1} argument(s), not {2}");
    public static readonly DiagnosticDescriptor MemberTypeMismatch = DeclarationError("VRF0012", "Member type does not fit its attribute",
        "'{0}' is declared as {1} but [{2}] needs {3}");
    public static readonly DiagnosticDescriptor UnsupportedDeclaration = DeclarationError("VRF0013", "Unsupported cell declaration",
        "The recurrent cell '{0}' cannot be generated: {1}");
    public static readonly DiagnosticDescriptor SecondInput = DeclarationError("VRF0014", "More than one input",
        "'{0}' is a second [Input]; a cell has at most one input vector");
    public static readonly DiagnosticDescriptor NoState = Error("VRF0015", "Cell without state",
        "The recurrent cell '{0}' declares no [State]");
    public static readonly DiagnosticDescriptor ConstantOutOfRange = DeclarationError("VRF0016", "Constant out of range",
        "'{0}' is {1}; a cell's constants are finite and, in expressions, within the float range ±3.4e38");
    public static readonly DiagnosticDescriptor ExpressionTooLarge = Error("VRF0017", "Expression too large",
        "The cell's expressions exceed a bound of the generator: {0}");
    public static readonly DiagnosticDescriptor BadBlock = Error("VRF0022", "Bad Block",
        "'{0}' is not a block of its vector: {1}");

    public static readonly DiagnosticDescriptor CellFileUsing = CellFileError("VRF0018", "Using not allowed in a cell file",
        "'{0}' is not allowed in a cell file, which imports namespaces ('using System;') and 'using static Verified.CellMath;' only");
    public static readonly DiagnosticDescriptor CellFileDeclaration = CellFileError("VRF0019", "Declaration not allowed in a cell file",
        "{0}: a cell file holds usings, an optional namespace and one [RecurrentCell] partial class, nothing else");
    public static readonly DiagnosticDescriptor CellFileMember = CellFileError("VRF0020", "Member not allowed in a cell file",
        "{0}: the members of a cell are numeric constants, fields with [State], [Input], [Parameter] or [TimeStep] and expression-bodied Vec or Scalar properties");
    public static readonly DiagnosticDescriptor CellFileAttribute = CellFileError("VRF0021", "Attribute not allowed in a cell file",
        "'{0}' is not allowed in a cell file, whose attributes are [RecurrentCell], [State], [Input], [Parameter], [TimeStep] and [Update]");

    private static readonly Dictionary<string, DiagnosticDescriptor> Table = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToDictionary(descriptor => descriptor.Id);

    internal static DiagnosticDescriptor ById(string id) => Table[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor DeclarationError(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, customTags: DeclarationTag);

    private static DiagnosticDescriptor CellFileError(string id, string title, string message) =>
        new(id, title, message, CellFileCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, customTags: DeclarationTag);
}
