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
        "The recurrent cell '{0}' must be declared partial so that the generator can add its kernels",
        "The generator adds the spec and the kernels to the cell class, which must therefore be partial.");
    public static readonly DiagnosticDescriptor UnsupportedExpression = Error("VRF0002", "Unsupported expression",
        "'{0}' is not supported in a cell expression: {1}",
        "A cell expression is built from the cell's members, numbers, + - * /, the cell functions and Block.");
    public static readonly DiagnosticDescriptor UnknownIdentifier = Error("VRF0003", "Unknown identifier",
        "'{0}' is not a state, input, parameter, constant or expression-bodied property of the cell",
        "A name in a cell expression is a state, the input, a parameter, a numeric constant or an expression-bodied Vec or Scalar property.");
    public static readonly DiagnosticDescriptor UnknownFunction = Error("VRF0004", "Unknown function",
        "'{0}' is not a cell function; use one of {1}",
        "Only the functions of CellMath are cell functions.");
    public static readonly DiagnosticDescriptor ShapeMismatch = Error("VRF0005", "Shape mismatch",
        "Shape mismatch in {0}: {1} against {2}",
        "Element-wise operands have one size or one is a scalar; a matrix's columns are the size of the vector it multiplies.");
    public static readonly DiagnosticDescriptor StateWithoutUpdate = Error("VRF0006", "State without update",
        "State '{0}' has no [Update] property",
        "Every [State] needs one [Update] property that gives its next value.");
    public static readonly DiagnosticDescriptor StateUpdatedTwice = Error("VRF0007", "State updated twice",
        "State '{0}' already has an update in '{1}'",
        "A state has exactly one [Update].");
    public static readonly DiagnosticDescriptor UpdateOfNonState = Error("VRF0008", "Update of something that is not a state",
        "[Update] names '{0}', which is not a state of the cell",
        "[Update] names a state of the cell.");
    public static readonly DiagnosticDescriptor BadAttributeArgument = DeclarationError("VRF0009", "Bad attribute argument",
        "Bad argument to [{0}]: {1}",
        "Sizes are positive numbers or dimension names within the generator's bounds; names are non-empty lines; Uniform needs Low ≤ High; the time step is one scalar parameter or one positive constant.");
    public static readonly DiagnosticDescriptor IntermediateCycle = Error("VRF0010", "Cycle among intermediates",
        "'{0}' refers to itself through {1}",
        "A property may not depend on itself, directly or through others.");
    public static readonly DiagnosticDescriptor WrongArgumentCount = Error("VRF0011", "Wrong number of arguments",
        "'{0}' takes {1} argument(s), not {2}",
        "Each cell function takes one argument; Block takes three.");
    public static readonly DiagnosticDescriptor MemberTypeMismatch = DeclarationError("VRF0012", "Member type does not fit its attribute",
        "'{0}' is declared as {1} but [{2}] needs {3}",
        "States and the input are Vec fields; a parameter is a Scalar, Vec or Mat field by the number of sizes it gives; none is a constant.");
    public static readonly DiagnosticDescriptor UnsupportedDeclaration = DeclarationError("VRF0013", "Unsupported cell declaration",
        "The recurrent cell '{0}' cannot be generated: {1}",
        "A cell is a top-level, non-generic, non-static partial class that leaves the generated names free.");
    public static readonly DiagnosticDescriptor SecondInput = DeclarationError("VRF0014", "More than one input",
        "'{0}' is a second [Input]; a cell has at most one input vector",
        "A cell has at most one input vector.");
    public static readonly DiagnosticDescriptor NoState = Error("VRF0015", "Cell without state",
        "The recurrent cell '{0}' declares no [State]",
        "A recurrent cell declares at least one [State].");
    public static readonly DiagnosticDescriptor ConstantOutOfRange = DeclarationError("VRF0016", "Constant out of range",
        "'{0}' is {1}; a cell's constants are finite and, in expressions, within the float range ±3.4e38",
        "A cell's constants are finite and, in expressions, within the float range, so that the float kernels hold them.");
    public static readonly DiagnosticDescriptor ExpressionTooLarge = Error("VRF0017", "Expression too large",
        "The cell's expressions exceed a bound of the generator: {0}",
        "The cell's expressions stay within the generator's bounds on graph nodes and nesting.");
    public static readonly DiagnosticDescriptor BadBlock = Error("VRF0022", "Bad Block",
        "'{0}' is not a block of its vector: {1}",
        "Block(v, j, G) takes block j, 0 ≤ j < G, of a vector whose size G divides at every value of its dimension.");

    public static readonly DiagnosticDescriptor CellFileUsing = CellFileError("VRF0018", "Using not allowed in a cell file",
        "'{0}' is not allowed in a cell file, which imports namespaces ('using System;') and 'using static Verified.CellMath;' only",
        "A cell file imports namespaces and Verified.CellMath statically, nothing else.");
    public static readonly DiagnosticDescriptor CellFileDeclaration = CellFileError("VRF0019", "Declaration not allowed in a cell file",
        "{0}: a cell file holds usings, an optional namespace and one [RecurrentCell] partial class, nothing else",
        "A cell file holds usings, an optional namespace and one [RecurrentCell] partial class.");
    public static readonly DiagnosticDescriptor CellFileMember = CellFileError("VRF0020", "Member not allowed in a cell file",
        "{0}: the members of a cell are numeric constants, fields with [State], [Input], [Parameter] or [TimeStep] and expression-bodied Vec or Scalar properties",
        "A cell file's members are numeric constants, fields with the cell attributes and expression-bodied Vec or Scalar properties.");
    public static readonly DiagnosticDescriptor CellFileAttribute = CellFileError("VRF0021", "Attribute not allowed in a cell file",
        "'{0}' is not allowed in a cell file, whose attributes are [RecurrentCell], [State], [Input], [Parameter], [TimeStep] and [Update]",
        "A cell file's attributes are the cell language's.");

    private static readonly Dictionary<string, DiagnosticDescriptor> Table = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .ToDictionary(descriptor => descriptor.Id);

    internal static DiagnosticDescriptor ById(string id) => Table[id];

    /// <summary>An error of the generator; its rule is <paramref name="description"/>, and docs/diagnostics.md shows it wrong and right.</summary>
    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description);

    /// <summary>An error about one declaration on its own (<see cref="DeclarationTag"/>): a root cause when several errors follow.</summary>
    private static DiagnosticDescriptor DeclarationError(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description, customTags: DeclarationTag);

    private static DiagnosticDescriptor CellFileError(string id, string title, string message, string description) =>
        new(id, title, message, CellFileCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, description, customTags: DeclarationTag);
}
